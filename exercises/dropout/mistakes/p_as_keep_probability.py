"""Wrong variant: p read as the probability of *keeping* an element (TensorFlow 1's keep_prob)."""
import torch


def dropout(x, p=0.5, training=True):
    if not training or p == 1:
        return x
    if p == 0:
        return x * 0
    keep = (torch.rand_like(x) < p).to(x.dtype)
    return x * keep / p
