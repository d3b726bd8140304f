"""Model solution: both terms summed over everything, β on the KL, one division by the batch size."""
import torch


def vae_loss(x_recon, x, mu, logvar, beta=1.0):
    # Clamped like F.binary_cross_entropy: a saturated decoder (x_recon exactly 0 or 1) stays finite.
    log_p = torch.log(x_recon).clamp(min=-100)
    log_not_p = torch.log(1 - x_recon).clamp(min=-100)
    reconstruction = -(x * log_p + (1 - x) * log_not_p).sum()
    kl = -0.5 * (1 + logvar - mu ** 2 - torch.exp(logvar)).sum()
    return (reconstruction + beta * kl) / x.shape[0]
