"""Wrong variant: sigmoid as e^x / (1 + e^x), which overflows to inf / inf = NaN for large x."""
import torch


def sigmoid(x):
    e = torch.exp(x)
    return e / (1 + e)


def relu(x):
    return torch.where(x > 0, x, torch.zeros_like(x))


def tanh(x):
    e = torch.exp(-2 * x.abs())
    magnitude = (1 - e) / (1 + e)
    return torch.where(x >= 0, magnitude, -magnitude)
