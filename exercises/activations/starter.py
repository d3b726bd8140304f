"""Activation functions, written from scratch.

Write sigmoid, relu and tanh to compute exactly what torch.sigmoid, torch.relu and torch.tanh
compute. You may use torch.exp, torch.where, torch.clamp, abs and ordinary arithmetic; the
built-in sigmoid/relu/tanh (torch.*, F.*, nn.* and the Tensor methods) are off-limits.

All three act elementwise: the result has the input's shape, dtype and device. They must also
work for very large inputs (|x| up to 1000) without returning NaN.

Your function is differentiated: stay in torch, no .item(), .numpy() or .detach() on the way
(the gradients flowing back through it are checked too).
"""
import torch


def sigmoid(x):
    """The logistic function σ(x) = 1 / (1 + e^(−x)), elementwise.

    Args:
        x: a tensor of any shape.

    Returns:
        A tensor of the same shape with values in [0, 1].

    Examples (the ±1000 entries are where a literal formula overflows):
        >>> sigmoid(torch.tensor([-1000.0, -1.0, 0.0, 1.0, 1000.0]))
        tensor([0.0000, 0.2689, 0.5000, 0.7311, 1.0000])
    """
    raise NotImplementedError


def relu(x):
    """The rectified linear unit max(x, 0), elementwise.

    Args:
        x: a tensor of any shape.

    Returns:
        A tensor of the same shape: x where x > 0, else 0.

    Example:
        >>> relu(torch.tensor([-2.0, 0.0, 3.0]))
        tensor([0., 0., 3.])
    """
    raise NotImplementedError


def tanh(x):
    """The hyperbolic tangent (e^x − e^(−x)) / (e^x + e^(−x)), elementwise.

    Args:
        x: a tensor of any shape.

    Returns:
        A tensor of the same shape with values in [−1, 1].

    Examples:
        >>> tanh(torch.tensor([-1000.0, -1.0, 0.0, 0.5, 1000.0]))
        tensor([-1.0000, -0.7616,  0.0000,  0.4621,  1.0000])
    """
    raise NotImplementedError
