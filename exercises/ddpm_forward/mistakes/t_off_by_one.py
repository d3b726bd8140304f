"""Wrong variant: the paper's 1-based t read into a 0-based table (ᾱ at index t − 1; t = 0 wraps to the end)."""
import torch


def linear_beta_schedule(T, beta_start=1e-4, beta_end=0.02):
    return torch.linspace(beta_start, beta_end, T)


def alpha_bar(betas):
    return torch.cumprod(1 - betas, dim=0)


def q_sample(x0, t, noise, alphas_cumprod):
    a_bar = alphas_cumprod[t - 1].reshape(-1, *([1] * (x0.dim() - 1)))
    return torch.sqrt(a_bar) * x0 + torch.sqrt(1 - a_bar) * noise
