"""Wrong variant: x_t = ᾱ_t·x0 + (1 − ᾱ_t)·ε inside the loss (variances used as scales)."""
import torch


def ddpm_loss(model, x0, t, noise, alphas_cumprod):
    a_bar = alphas_cumprod[t].reshape(-1, *([1] * (x0.dim() - 1)))
    x_t = a_bar * x0 + (1 - a_bar) * noise
    return ((model(x_t, t) - noise) ** 2).mean()
