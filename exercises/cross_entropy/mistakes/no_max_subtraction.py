"""Wrong variant: log Σ exp computed literally; e^x overflows for large logits."""
import torch


def cross_entropy(logits, target):
    log_sum_exp = torch.log(torch.exp(logits).sum(dim=1))
    rows = torch.arange(logits.shape[0], device=logits.device)
    return (log_sum_exp - logits[rows, target]).mean()
