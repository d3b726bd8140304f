"""Model solution: every exponential is taken of a non-positive number, so nothing overflows."""
import torch


def abs_with_unit_slope(x):
    # |x| with the derivative +1 at 0 (x.abs() has derivative 0 there, which would make
    # autograd report σ′(0) = 0 and tanh′(0) = 0 instead of 1/4 and 1).
    return torch.where(x >= 0, x, -x)


def sigmoid(x):
    # exp(−|x|) lies in (0, 1] whatever the sign of x; both branches below are then safe.
    e = torch.exp(-abs_with_unit_slope(x))
    return torch.where(x >= 0, 1 / (1 + e), e / (1 + e))


def relu(x):
    return torch.where(x > 0, x, torch.zeros_like(x))


def tanh(x):
    # tanh is odd: compute tanh(|x|) = (1 − e^(−2|x|)) / (1 + e^(−2|x|)), then restore the sign.
    e = torch.exp(-2 * abs_with_unit_slope(x))
    magnitude = (1 - e) / (1 + e)
    return torch.where(x >= 0, magnitude, -magnitude)
