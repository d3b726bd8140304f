"""Wrong variant: σ applied to the logits, then the with-logits formula on the probabilities."""
import torch


def bce_with_logits(logits, target):
    x = torch.sigmoid(logits)
    losses = x.clamp(min=0) - x * target + torch.log1p(torch.exp(-x.abs()))
    return losses.mean()
