"""Wrong variant: the textbook formula without the clamp; inf/NaN when x_recon hits 0 or 1."""
import torch


def vae_loss(x_recon, x, mu, logvar, beta=1.0):
    reconstruction = -(x * torch.log(x_recon) + (1 - x) * torch.log(1 - x_recon)).sum()
    kl = -0.5 * (1 + logvar - mu ** 2 - torch.exp(logvar)).sum()
    return (reconstruction + beta * kl) / x.shape[0]
