"""Wrong variant: a forward difference (f(x + h) − f(x)) / h, whose error is O(h)."""
import torch


def numerical_gradient(f, x, h=1e-5):
    grad = torch.zeros_like(x)
    flat_x, flat_grad = x.view(-1), grad.view(-1)
    f_x = float(f(x))
    for i in range(flat_x.numel()):
        original = flat_x[i].item()
        flat_x[i] = original + h
        flat_grad[i] = (float(f(x)) - f_x) / h
        flat_x[i] = original
    return grad


def relative_error(a, b):
    return float(((a - b).abs() / (a.abs() + b.abs()).clamp_min(1e-8)).max())
