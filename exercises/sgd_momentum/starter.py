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

    Tiny example (one parameter, lr = 0.1, momentum = 0.9):
        step 1: params [tensor([1.0])], grads [tensor([2.0])], bufs [None]
                ->  ([tensor([0.8])], [tensor([2.0])])       # the buffer starts as the gradient
        step 2: params [tensor([0.8])], grads [tensor([1.0])], bufs [tensor([2.0])]
                ->  buffer 0.9·2 + 1 = 2.8, parameter 0.8 − 0.1·2.8
                ->  ([tensor([0.52])], [tensor([2.8])])
    """
    raise NotImplementedError
