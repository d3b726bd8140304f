"""Runs in the sandbox with the learner's module (and in the grader with the oracle or a wrong
variant as `ns`): several AdamW steps in a row. The states are opaque — whatever adamw_step
returned for a parameter goes back in on the next step — so only the parameters come back."""
import torch


def several_steps(ns, params, grads_per_step, lrs, weight_decays, betas, eps):
    """The parameters after every step: a list (one entry per step) of lists of tensors."""
    states = [None] * len(params)
    history = []
    for grads, lr, weight_decay in zip(grads_per_step, lrs, weight_decays):
        params, states = ns.adamw_step(params, grads, states, lr, betas=betas, eps=eps, weight_decay=weight_decay)
        params, states = list(params), list(states)
        # Copies, so a learner who updates in place (as torch.optim does) is judged on each step's values.
        history.append([p.detach().clone() if isinstance(p, torch.Tensor) else p for p in params])
    return history


def defaults_step(ns, params, grads, lr):
    """One first step with only the learning rate given: betas, eps and weight_decay at their defaults."""
    new_params, _ = ns.adamw_step(params, grads, [None] * len(params), lr)
    return list(new_params)
