"""Wrong variant: the textbook formula on σ(x); log 0 = −inf once σ(x) rounds to 0 or 1."""
import torch


def bce_with_logits(logits, target):
    p = torch.sigmoid(logits)
    return -(target * torch.log(p) + (1 - target) * torch.log(1 - p)).mean()
