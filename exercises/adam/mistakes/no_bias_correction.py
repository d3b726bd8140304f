"""Wrong variant: the moments are used as they are, without dividing by 1 − βᵗ."""
import torch


def adamw_step(params, grads, states, lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
    beta1, beta2 = betas
    new_params, new_states = [], []
    for p, g, state in zip(params, grads, states):
        m, v = (torch.zeros_like(p), torch.zeros_like(p)) if state is None else state
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        p = p * (1 - lr * weight_decay)
        new_params.append(p - lr * m / (torch.sqrt(v) + eps))
        new_states.append((m, v))
    return new_params, new_states
