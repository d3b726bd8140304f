"""Model solution: the linear schedule, ᾱ as a running product, and the closed-form jump to x_t."""
import torch


def linear_beta_schedule(T, beta_start=1e-4, beta_end=0.02):
    # T evenly spaced values with both ends included: step (end − start) / (T − 1).
    # (torch.linspace(beta_start, beta_end, T) computes the same.)
    steps = torch.arange(T) / (T - 1)
    return beta_start + (beta_end - beta_start) * steps


def alpha_bar(betas):
    # ᾱ_t = (1 − β_0)(1 − β_1)…(1 − β_t): the signal left after t + 1 noising steps.
    return torch.cumprod(1 - betas, dim=0)


def q_sample(x0, t, noise, alphas_cumprod):
    # One coefficient per sample, shaped (B, 1, 1, …) so it broadcasts over the data dimensions.
    a_bar = alphas_cumprod[t].reshape(-1, *([1] * (x0.dim() - 1)))
    return torch.sqrt(a_bar) * x0 + torch.sqrt(1 - a_bar) * noise
