# exercise: vae_loss
# expect: pass
# The most common practice: keep probabilities a small eps away from 0 and 1.
import torch


def vae_loss(x_recon, x, mu, logvar, beta=1.0):
    eps = 1e-7
    p = x_recon.clamp(eps, 1 - eps)
    bce = -(x * torch.log(p) + (1 - x) * torch.log(1 - p)).sum()
    kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return (bce + beta * kl) / x.shape[0]
