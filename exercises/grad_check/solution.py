"""Model solution: central differences, one element at a time, x put back after every probe."""
import torch


def numerical_gradient(f, x, h=1e-5):
    grad = torch.zeros_like(x)
    flat_x, flat_grad = x.view(-1), grad.view(-1)     # views: writing flat_x[i] writes x
    for i in range(flat_x.numel()):
        original = flat_x[i].item()
        flat_x[i] = original + h
        f_plus = float(f(x))
        flat_x[i] = original - h
        f_minus = float(f(x))
        flat_x[i] = original                          # restore before probing the next element
        flat_grad[i] = (f_plus - f_minus) / (2 * h)   # error O(h²), not O(h) as a forward difference
    return grad


def relative_error(a, b):
    scale = (a.abs() + b.abs()).clamp_min(1e-8)       # two zeros agree perfectly, not 0/0
    return float(((a - b).abs() / scale).max())
