"""Model solution: noise x0 to x_t in one jump, ask the model for the noise, score it with the MSE."""
import torch


def ddpm_loss(model, x0, t, noise, alphas_cumprod):
    a_bar = alphas_cumprod[t].reshape(-1, *([1] * (x0.dim() - 1)))     # (B, 1, …): one ᾱ per sample
    x_t = torch.sqrt(a_bar) * x0 + torch.sqrt(1 - a_bar) * noise
    predicted_noise = model(x_t, t)
    return ((predicted_noise - noise) ** 2).mean()                      # the simple, unweighted objective
