"""Wrong variant: the per-sample KLs are summed over the batch, not averaged."""
import torch


def reparameterize(mu, logvar, eps):
    return mu + torch.exp(0.5 * logvar) * eps


def gaussian_kl(mu, logvar):
    return torch.sum(-0.5 * (1 + logvar - mu ** 2 - torch.exp(logvar)))
