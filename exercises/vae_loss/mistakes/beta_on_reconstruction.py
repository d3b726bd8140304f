"""Wrong variant: beta weights the reconstruction instead of the KL."""
import torch


def vae_loss(x_recon, x, mu, logvar, beta=1.0):
    log_p = torch.log(x_recon).clamp(min=-100)
    log_not_p = torch.log(1 - x_recon).clamp(min=-100)
    reconstruction = -(x * log_p + (1 - x) * log_not_p).sum()
    kl = -0.5 * (1 + logvar - mu ** 2 - torch.exp(logvar)).sum()
    return (beta * reconstruction + kl) / x.shape[0]
