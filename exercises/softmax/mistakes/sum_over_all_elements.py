"""Wrong variant: max and sum taken over the whole tensor, not along dim."""
import torch


def softmax(x, dim=-1):
    shifted = x - x.max()
    e = torch.exp(shifted)
    return e / e.sum()
