"""Model solution: every exponential is taken of a non-positive number, so nothing overflows."""
import torch


def sigmoid(x):
    # exp(−|x|) lies in (0, 1] whatever the sign of x; both branches below are then safe.
    e = torch.exp(-x.abs())
    return torch.where(x >= 0, 1 / (1 + e), e / (1 + e))


def relu(x):
    return torch.where(x > 0, x, torch.zeros_like(x))


def tanh(x):
    # tanh is odd: compute tanh(|x|) = (1 − e^(−2|x|)) / (1 + e^(−2|x|)), then restore the sign.
    e = torch.exp(-2 * x.abs())
    magnitude = (1 - e) / (1 + e)
    return torch.where(x >= 0, magnitude, -magnitude)
