"""Wrong variant: ε added under the square root, √(v̂ + ε), instead of to it, √v̂ + ε."""
import torch


def adamw_step(params, grads, states, lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
    beta1, beta2 = betas
    new_params, new_states = [], []
    for p, g, state in zip(params, grads, states):
        t, m, v = (0, torch.zeros_like(p), torch.zeros_like(p)) if state is None else state
        t += 1
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        m_hat = m / (1 - beta1 ** t)
        v_hat = v / (1 - beta2 ** t)
        p = p * (1 - lr * weight_decay)
        new_params.append(p - lr * m_hat / torch.sqrt(v_hat + eps))
        new_states.append((t, m, v))
    return new_params, new_states
