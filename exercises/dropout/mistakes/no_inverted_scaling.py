"""Wrong variant: the survivors are not rescaled by 1/(1 − p)."""
import torch


def dropout(x, p=0.5, training=True):
    if not training:
        return x
    keep = (torch.rand_like(x) >= p).to(x.dtype)
    return x * keep
