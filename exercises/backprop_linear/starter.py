"""Backpropagation through a linear layer, by hand.

The layer computes y = x @ w.T + b (what torch.nn.Linear and F.linear compute). Given dout, the
gradient of some loss with respect to y, return the gradients with respect to x, w and b.
Autograd is off-limits (torch.autograd.grad, .backward(), torch.func): use matrix products.
"""
import torch


def linear_backward(dout, x, w):
    """Gradients of a linear layer y = x @ w.T + b.

    Args:
        dout: (N, M) gradient of the loss with respect to the output y.
        x:    (N, D) the layer's input (a batch of N vectors).
        w:    (M, D) the weight (out_features × in_features, PyTorch's layout).

    Returns:
        (dx, dw, db) with shapes (N, D), (M, D) and (M,): the gradients of the loss with
        respect to x, w and b, with dout's dtype and device.

    Example (N = 2, D = 2, M = 1):
        >>> x = torch.tensor([[1.0, 2.0], [0.0, -1.0]])
        >>> w = torch.tensor([[3.0, 4.0]])
        >>> linear_backward(torch.tensor([[0.5], [2.0]]), x, w)
        (tensor([[1.5000, 2.0000],
                [6.0000, 8.0000]]), tensor([[ 0.5000, -1.0000]]), tensor([2.5000]))
    """
    raise NotImplementedError
