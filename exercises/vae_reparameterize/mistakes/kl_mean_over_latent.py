"""Wrong variant: the KL is averaged over the latent dimensions too (divided by J)."""
import torch


def reparameterize(mu, logvar, eps):
    return mu + torch.exp(0.5 * logvar) * eps


def gaussian_kl(mu, logvar):
    return torch.mean(-0.5 * (1 + logvar - mu ** 2 - torch.exp(logvar)))
