"""Wrong variant: the model's output is scored against the clean data x0 instead of the noise."""
import torch


def ddpm_loss(model, x0, t, noise, alphas_cumprod):
    a_bar = alphas_cumprod[t].reshape(-1, *([1] * (x0.dim() - 1)))
    x_t = torch.sqrt(a_bar) * x0 + torch.sqrt(1 - a_bar) * noise
    return ((model(x_t, t) - x0) ** 2).mean()
