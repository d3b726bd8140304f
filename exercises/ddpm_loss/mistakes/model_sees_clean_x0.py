"""Wrong variant: the model is shown the clean x0, not the noised x_t."""
import torch


def ddpm_loss(model, x0, t, noise, alphas_cumprod):
    return ((model(x0, t) - noise) ** 2).mean()
