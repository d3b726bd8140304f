# exercise: ddpm_sample_step
# expect: pass
"""The posterior mean through the x̂₀ estimate, as diffusers' DDPMScheduler computes it (clipping off).
In float32 at t = 0 this route lands 1.7e-4 (relative) from the ε form: the grader must still accept it."""
import torch


def p_sample_step(model, x_t, t, noise, betas, alphas_cumprod):
    steps = torch.full((x_t.shape[0],), t, dtype=torch.long, device=x_t.device)
    eps = model(x_t, steps)
    beta = betas[t]
    a_bar = alphas_cumprod[t]
    # x0-parameterised posterior mean, the diffusers way, with clipping off
    a_prev = alphas_cumprod[t - 1] if t > 0 else torch.ones((), dtype=x_t.dtype, device=x_t.device)
    x0 = (x_t - (1 - a_bar).sqrt() * eps) / a_bar.sqrt()
    mean = a_prev.sqrt() * beta / (1 - a_bar) * x0 + (1 - beta).sqrt() * (1 - a_prev) / (1 - a_bar) * x_t
    if t == 0:
        return mean
    return mean + beta.sqrt() * noise
