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

    Examples (one parameter, default betas and eps):
        >>> params, states = adamw_step([torch.tensor([1.0])], [torch.tensor([0.5])], [None], lr=0.1,
        ...                             weight_decay=0.5)
        >>> params                        # the first step moves by lr, after the decay shrinks p
        [tensor([0.8500])]
        >>> params, states = adamw_step(params, [torch.tensor([-0.25])], states, lr=0.05, weight_decay=0.5)
        >>> params                        # step 2 continues from the state step 1 returned
        [tensor([0.8154])]

    A very small gradient still moves the parameter (no decay here):
        >>> adamw_step([torch.tensor([1.0])], [torch.tensor([1e-8])], [None], lr=0.1)[0]
        [tensor([0.9500])]
    """
    raise NotImplementedError
