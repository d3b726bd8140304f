"""Wrong variant: squared errors summed over the batch and the data dimensions instead of averaged."""
import torch


def ddpm_loss(model, x0, t, noise, alphas_cumprod):
    a_bar = alphas_cumprod[t].reshape(-1, *([1] * (x0.dim() - 1)))
    x_t = torch.sqrt(a_bar) * x0 + torch.sqrt(1 - a_bar) * noise
    return ((model(x_t, t) - noise) ** 2).sum()
