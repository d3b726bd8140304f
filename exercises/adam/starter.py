"""One step of AdamW (Adam with decoupled weight decay), written from scratch.

Write adamw_step to do what one call of
    torch.optim.AdamW(params, lr=lr, betas=betas, eps=eps, weight_decay=weight_decay).step()
does (no amsgrad) — but as a pure function: it receives the parameters, their gradients and
a state per parameter, and returns the new parameters and the new states. torch.optim.Adam and
torch.optim.AdamW are off-limits.
"""
import math

import torch


def adamw_step(params, grads, states, lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
    """Apply one AdamW step to every parameter tensor.

    Args:
        params:       list of tensors, the current parameter values (any shapes).
        grads:        list of tensors, the gradient for each parameter (same shapes).
        states:       list, one entry per parameter: None before that parameter's first step,
                      afterwards exactly what your function returned for it last time. What a
                      state holds is up to you (a dict, a tuple…): the grader never looks inside.
        lr:           float, this step's learning rate (it may change from step to step).
        betas:        (beta1, beta2), the decay rates of the two moving averages.
        eps:          float added for numerical stability.
        weight_decay: float; 0 means no decay. It may change between steps too.

    Returns:
        (new_params, new_states): two lists with one entry per parameter; every new parameter has
        the shape, dtype and device of the old one. Do not modify the inputs in place.

    Tiny example (one parameter, default betas and eps):
        step 1: params [tensor([1.0])], grads [tensor([0.5])], states [None], lr 0.1, weight_decay 0.5
                -> new params [tensor([0.85])]
        step 2: continuing with grads [tensor([-0.25])], lr 0.05, weight_decay 0.5
                -> new params [tensor([0.815433150…])]
        A very small gradient still moves the parameter: from params [tensor([1.0])],
        grads [tensor([1e-8])], states [None], lr 0.1 (no decay), one step gives [tensor([0.95])].
    """
    raise NotImplementedError
