"""Wrong variant: v = μ·v + (1 − μ)·g from v = 0 (an exponential moving average)."""
import torch


def sgd_momentum(params, grads, bufs, lr, momentum):
    new_params, new_bufs = [], []
    for p, g, v in zip(params, grads, bufs):
        if v is None:
            v = torch.zeros_like(g)
        v = momentum * v + (1 - momentum) * g
        new_params.append(p - lr * v)
        new_bufs.append(v)
    return new_params, new_bufs
