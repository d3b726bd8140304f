"""Model solution: AdamW, one parameter tensor at a time, as torch.optim.AdamW computes it."""

import torch


def adamw_step(params, grads, states, lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
    beta1, beta2 = betas
    new_params, new_states = [], []
    for p, g, state in zip(params, grads, states):
        if state is None:  # first step: both moments start at zero
            state = {"t": 0, "m": torch.zeros_like(p), "v": torch.zeros_like(p)}
        t = state["t"] + 1
        m = beta1 * state["m"] + (1 - beta1) * g          # running mean of gradients
        v = beta2 * state["v"] + (1 - beta2) * g * g      # running mean of squared gradients
        # Both moments started at 0, so early on they are too small: divide by 1 − βᵗ.
        m_hat = m / (1 - beta1 ** t)
        v_hat = v / (1 - beta2 ** t)
        # Decoupled weight decay: shrink the parameter directly, outside the adaptive scaling.
        decayed = p * (1 - lr * weight_decay)
        new_params.append(decayed - lr * m_hat / (torch.sqrt(v_hat) + eps))
        new_states.append({"t": t, "m": m, "v": v})
    return new_params, new_states
