"""Wrong variant: the probe x[i] − h is left in x, so later elements are probed at a moved point."""
import torch


def numerical_gradient(f, x, h=1e-5):
    grad = torch.zeros_like(x)
    flat_x, flat_grad = x.view(-1), grad.view(-1)
    for i in range(flat_x.numel()):
        original = flat_x[i].item()
        flat_x[i] = original + h
        f_plus = float(f(x))
        flat_x[i] = original - h
        f_minus = float(f(x))
        flat_grad[i] = (f_plus - f_minus) / (2 * h)
    return grad


def relative_error(a, b):
    return float(((a - b).abs() / (a.abs() + b.abs()).clamp_min(1e-8)).max())
