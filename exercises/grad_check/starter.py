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

    Example: f(x) = Σ x³, whose exact gradient is 3x² = [3, 12] at x = [1, −2]. A large step
    h = 0.1 makes the estimate's own small error visible (a central difference is off by h² = 0.01
    here), and x must come back unchanged:
        >>> x = torch.tensor([1.0, -2.0], dtype=torch.float64)
        >>> numerical_gradient(lambda v: (v ** 3).sum(), x, h=0.1)
        tensor([ 3.0100, 12.0100], dtype=torch.float64)
        >>> x
        tensor([ 1., -2.], dtype=torch.float64)
    """
    raise NotImplementedError


def relative_error(a, b):
    """The largest elementwise relative error between two tensors of the same shape, as a float.

    relative error of one element = |a − b| / max(1e-8, |a| + |b|)

    Example (max(0.1 / 2.1, 0 / 4) ≈ 0.047619):
        >>> relative_error(torch.tensor([1.0, 2.0]), torch.tensor([1.1, 2.0]))
        0.0476
    """
    raise NotImplementedError
