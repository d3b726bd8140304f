"""Wrong variant: tanh(x) as 2·sigmoid(x) − 1 (the identity needs sigmoid(2x))."""
import torch


def sigmoid(x):
    e = torch.exp(-x.abs())
    return torch.where(x >= 0, 1 / (1 + e), e / (1 + e))


def relu(x):
    return torch.where(x > 0, x, torch.zeros_like(x))


def tanh(x):
    return 2 * sigmoid(x) - 1
