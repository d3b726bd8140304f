"""Wrong variant: the mask is applied whatever `training` says."""
import torch


def dropout(x, p=0.5, training=True):
    if p == 1:
        return x * 0
    keep = (torch.rand_like(x) >= p).to(x.dtype)
    return x * keep / (1 - p)
