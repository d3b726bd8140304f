"""Wrong variant: the per-row KLs are summed over the batch instead of averaged."""
import torch


def kl_divergence(p, q):
    return (torch.xlogy(p, p) - torch.xlogy(p, q)).sum()
