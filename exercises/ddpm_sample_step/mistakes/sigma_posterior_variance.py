"""Wrong variant (for this contract): σ_t² = β̃_t = (1 − ᾱ_{t−1})/(1 − ᾱ_t)·β_t instead of β_t."""
import torch


def p_sample_step(model, x_t, t, noise, betas, alphas_cumprod):
    steps = torch.full((x_t.shape[0],), t, dtype=torch.long, device=x_t.device)
    predicted_noise = model(x_t, steps)
    beta, a_bar = betas[t], alphas_cumprod[t]
    mean = (x_t - beta / torch.sqrt(1 - a_bar) * predicted_noise) / torch.sqrt(1 - beta)
    if t == 0:
        return mean
    posterior_variance = (1 - alphas_cumprod[t - 1]) / (1 - a_bar) * beta
    return mean + torch.sqrt(posterior_variance) * noise
