"""Wrong variant: a fresh zero velocity on every call, so every step is plain SGD."""
import torch


def sgd_momentum(params, grads, bufs, lr, momentum):
    new_params, new_bufs = [], []
    for p, g in zip(params, grads):
        v = torch.zeros_like(g)
        v = momentum * v + g
        new_params.append(p - lr * v)
        new_bufs.append(v)
    return new_params, new_bufs
