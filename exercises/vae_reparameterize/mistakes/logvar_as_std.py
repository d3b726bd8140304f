"""Wrong variant: logvar is used as σ directly."""
import torch


def reparameterize(mu, logvar, eps):
    return mu + logvar * eps


def gaussian_kl(mu, logvar):
    per_dim = -0.5 * (1 + logvar - mu ** 2 - torch.exp(logvar))
    return per_dim.sum(dim=1).mean()
