"""Model solution: σ from the log-variance, and the closed-form Gaussian KL."""
import torch


def reparameterize(mu, logvar, eps):
    std = torch.exp(0.5 * logvar)        # σ = sqrt(σ²) = exp(½·log σ²)
    return mu + std * eps


def gaussian_kl(mu, logvar):
    per_dim = -0.5 * (1 + logvar - mu ** 2 - torch.exp(logvar))
    # Latent dimensions are independent: their KLs add. Only the batch is averaged.
    return per_dim.sum(dim=1).mean()
