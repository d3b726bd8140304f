"""Model solution: xlogy makes every p = 0 term exactly 0."""
import torch


def kl_divergence(p, q):
    # xlogy(a, b) = a·log b, and 0 where a == 0: exactly the 0·log 0 = 0 convention.
    per_row = (torch.xlogy(p, p) - torch.xlogy(p, q)).sum(dim=1)
    return per_row.mean()
