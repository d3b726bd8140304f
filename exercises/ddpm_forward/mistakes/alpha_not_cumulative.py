"""Wrong variant: ᾱ_t taken as the one-step α_t = 1 − β_t, not the running product."""
import torch


def linear_beta_schedule(T, beta_start=1e-4, beta_end=0.02):
    return torch.linspace(beta_start, beta_end, T)


def alpha_bar(betas):
    return 1 - betas


def q_sample(x0, t, noise, alphas_cumprod):
    a_bar = alphas_cumprod[t].reshape(-1, *([1] * (x0.dim() - 1)))
    return torch.sqrt(a_bar) * x0 + torch.sqrt(1 - a_bar) * noise
