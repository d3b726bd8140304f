"""Wrong variant: fresh noise σ_0·z is added on the very last step as well."""
import torch


def p_sample_step(model, x_t, t, noise, betas, alphas_cumprod):
    steps = torch.full((x_t.shape[0],), t, dtype=torch.long, device=x_t.device)
    predicted_noise = model(x_t, steps)
    beta, a_bar = betas[t], alphas_cumprod[t]
    mean = (x_t - beta / torch.sqrt(1 - a_bar) * predicted_noise) / torch.sqrt(1 - beta)
    return mean + torch.sqrt(beta) * noise
