"""Wrong variant: the schedule steps by (end − start)/T, so it never reaches beta_end."""
import torch


def linear_beta_schedule(T, beta_start=1e-4, beta_end=0.02):
    return beta_start + (beta_end - beta_start) * torch.arange(T) / T


def alpha_bar(betas):
    return torch.cumprod(1 - betas, dim=0)


def q_sample(x0, t, noise, alphas_cumprod):
    a_bar = alphas_cumprod[t].reshape(-1, *([1] * (x0.dim() - 1)))
    return torch.sqrt(a_bar) * x0 + torch.sqrt(1 - a_bar) * noise
