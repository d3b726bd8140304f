"""Model solution: inverted dropout, a fresh Bernoulli mask per call."""
import torch


def dropout(x, p=0.5, training=True):
    if not training or p == 0:
        return x                                   # evaluation: the identity, no rescaling
    if p == 1:
        return x * 0                               # everything dropped (and no 0/0 below)
    keep = (torch.rand_like(x) >= p).to(x.dtype)   # 1 with probability 1 − p
    # Scale the survivors by 1/(1 − p) now, so the expected output equals x and evaluation
    # needs no correction.
    return x * keep / (1 - p)
