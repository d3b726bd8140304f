"""Wrong variant: σ = exp(logvar), which is the variance."""
import torch


def reparameterize(mu, logvar, eps):
    return mu + torch.exp(logvar) * eps


def gaussian_kl(mu, logvar):
    per_dim = -0.5 * (1 + logvar - mu ** 2 - torch.exp(logvar))
    return per_dim.sum(dim=1).mean()
