"""Wrong variant: x_t = ᾱ_t·x0 + (1 − ᾱ_t)·ε, the variances used as if they were the scales."""
import torch


def linear_beta_schedule(T, beta_start=1e-4, beta_end=0.02):
    return torch.linspace(beta_start, beta_end, T)


def alpha_bar(betas):
    return torch.cumprod(1 - betas, dim=0)


def q_sample(x0, t, noise, alphas_cumprod):
    a_bar = alphas_cumprod[t].reshape(-1, *([1] * (x0.dim() - 1)))
    return a_bar * x0 + (1 - a_bar) * noise
