"""Wrong variant: KL(q‖p) — the log-ratio weighted by q."""
import torch


def kl_divergence(p, q):
    return (q * torch.log(q / p)).sum(dim=1).mean()
