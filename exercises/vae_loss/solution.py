"""Model solution: both terms summed over everything, β on the KL, one division by the batch size."""
import torch


def vae_loss(x_recon, x, mu, logvar, beta=1.0):
    # A saturated decoder outputs exactly 0 or 1, and log 0 = −inf. Keeping the probabilities a machine
    # epsilon away from 0 and 1 keeps the loss finite and its gradient too (clamping the log instead
    # would leave 0 · ∞ = NaN in the gradient of log at 0).
    eps = torch.finfo(x_recon.dtype).eps
    p = x_recon.clamp(eps, 1 - eps)
    log_p, log_not_p = torch.log(p), torch.log(1 - p)
    reconstruction = -(x * log_p + (1 - x) * log_not_p).sum()
    kl = -0.5 * (1 + logvar - mu ** 2 - torch.exp(logvar)).sum()
    return (reconstruction + beta * kl) / x.shape[0]
