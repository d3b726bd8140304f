"""Wrong variant: v = μ·v + lr·g, p = p − v (the learning rate lives inside the velocity)."""
import torch


def sgd_momentum(params, grads, bufs, lr, momentum):
    new_params, new_bufs = [], []
    for p, g, v in zip(params, grads, bufs):
        v = lr * g if v is None else momentum * v + lr * g
        new_params.append(p - v)
        new_bufs.append(v)
    return new_params, new_bufs
