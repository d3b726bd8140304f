"""Runs in the sandbox with the learner's module (or, in the grader, the oracle / a wrong variant)
as its first argument. The scalar function f cannot travel between processes, so it is rebuilt
here from plain numbers: a smooth function of every element of x, with cross terms, so that a
probe left in x (not restored) changes the other elements' derivatives."""
import torch


def smooth_function(a: torch.Tensor, b: torch.Tensor, c: torch.Tensor):
    """f(x) = Σ aᵢ·sin(xᵢ) + (Σ bᵢ·xᵢ)² + Σ cᵢ·xᵢ·xᵢ₊₁ + 0.1·Σ exp(xᵢ/2)   (x flattened, i+1 wraps)."""
    def f(x: torch.Tensor) -> torch.Tensor:
        v = x.reshape(-1)
        return ((a * torch.sin(v)).sum() + (b * v).sum() ** 2 + (c * v * torch.roll(v, 1)).sum()
                + 0.1 * torch.exp(v / 2).sum())
    return f


def gradient_at(ns, a, b, c, x, h=None):
    """(numerical_gradient(f, x[, h]), x as it is afterwards)."""
    f = smooth_function(a, b, c)
    grad = ns.numerical_gradient(f, x) if h is None else ns.numerical_gradient(f, x, h)
    return grad, x
