"""Runs in the sandbox with the learner's module (and in the grader with the oracle or a wrong
variant as `ns`): several optimizer steps in a row, each fed the buffers the previous one returned."""


def several_steps(ns, params, grads_per_step, lrs, momentum):
    bufs = [None] * len(params)
    for grads, lr in zip(grads_per_step, lrs):
        params, bufs = ns.sgd_momentum(params, grads, bufs, lr, momentum)
    return list(params), list(bufs)
