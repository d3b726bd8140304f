"""Wrong variant: the KL is a mean over every element (divided by N·J), the BCE a sum divided by N."""
import torch


def vae_loss(x_recon, x, mu, logvar, beta=1.0):
    log_p = torch.log(x_recon).clamp(min=-100)
    log_not_p = torch.log(1 - x_recon).clamp(min=-100)
    reconstruction = -(x * log_p + (1 - x) * log_not_p).sum() / x.shape[0]
    kl = -0.5 * torch.mean(1 + logvar - mu.pow(2) - logvar.exp())
    return reconstruction + beta * kl
