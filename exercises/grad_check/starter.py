"""Gradient checking: estimate a gradient numerically, and measure how far two gradients differ.

A numerical gradient is how you test a backward pass you wrote by hand: nudge one input, see how
the output moves. Autograd is off-limits here (torch.autograd, .backward(), torch.func): the point
is to compute a gradient without it.
"""
import torch


def numerical_gradient(f, x, h=1e-5):
    """Central-difference estimate of the gradient of a scalar function f at x.

    Args:
        f: a function taking a tensor shaped like x and returning a scalar (a 0-dim tensor).
        x: a float tensor of any shape (the point). You may change its elements while you probe,
           but when you return, x must hold exactly the values it had on entry.
        h: the step. 1e-5 suits float64.

    Returns:
        a tensor shaped like x, with x's dtype and device: element i estimates ∂f/∂x[i].

    Tiny example: f(x) = (x ** 2).sum() at x = [1.0, -2.0] gives about [2.0, -4.0]
    (each estimate is (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h; for a quadratic it is exact up to rounding).
    """
    raise NotImplementedError


def relative_error(a, b):
    """The largest elementwise relative error between two tensors of the same shape, as a float.

    relative error of one element = |a − b| / max(1e-8, |a| + |b|)

    Tiny example: a = [1.0, 2.0], b = [1.1, 2.0]  →  max(0.1 / 2.1, 0 / 4) ≈ 0.047619
    """
    raise NotImplementedError
