"""One step of stochastic gradient descent with momentum, written from scratch.

Write sgd_momentum to do what one call of torch.optim.SGD(params, lr=lr, momentum=momentum).step()
does (dampening 0, no Nesterov, no weight decay) — but as a pure function: it receives the
parameters, their gradients and the momentum buffers, and returns new ones. torch.optim.SGD is
off-limits.
"""
import torch


def sgd_momentum(params, grads, bufs, lr, momentum):
    """Apply one SGD-with-momentum step to every parameter tensor.

    Args:
        params:   list of tensors, the current parameter values (any shapes).
        grads:    list of tensors, the gradient of the loss for each parameter (same shapes).
        bufs:     list of the momentum buffers from the previous step (same shapes), or of None
                  for a parameter that has no buffer yet (the very first step).
        lr:       float, the learning rate of this step (it may change from step to step).
        momentum: float in (0, 1), e.g. 0.9.

    Returns:
        (new_params, new_bufs): two lists of tensors, one entry per parameter, each with the
        parameter's shape, dtype and device. Pass new_bufs back in as `bufs` on the next step.

    Examples (one parameter, momentum 0.9; the learning rate changes between the steps):
        >>> sgd_momentum([torch.tensor([1.0])], [torch.tensor([2.0])], [None], lr=0.1, momentum=0.9)
        ([tensor([0.8000])], [tensor([2.])])
        >>> sgd_momentum([torch.tensor([0.8])], [torch.tensor([1.0])], [torch.tensor([2.0])], lr=0.05, momentum=0.9)
        ([tensor([0.6600])], [tensor([2.8000])])
    """
    raise NotImplementedError
