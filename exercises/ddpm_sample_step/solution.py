"""Model solution: the DDPM reverse step (Ho et al., 2020, algorithm 2) with σ_t² = β_t."""
import torch


def p_sample_step(model, x_t, t, noise, betas, alphas_cumprod):
    steps = torch.full((x_t.shape[0],), t, dtype=torch.long, device=x_t.device)
    predicted_noise = model(x_t, steps)
    beta, a_bar = betas[t], alphas_cumprod[t]
    # The mean of p(x_{t−1} | x_t): remove the predicted noise's share, then undo this step's shrink.
    mean = (x_t - beta / torch.sqrt(1 - a_bar) * predicted_noise) / torch.sqrt(1 - beta)
    if t == 0:
        return mean                       # the last step returns the mean: no fresh noise on the output
    return mean + torch.sqrt(beta) * noise
