# exercise: activations
# expect: fail
# stage: gradient
# message: forward values were right
# Built from exp(−|x|): the values are right everywhere, but autograd takes d|x|/dx = 0 at x = 0,
# so σ′(0) and tanh′(0) come out as 0.
import torch


def sigmoid(x):
    e = torch.exp(-x.abs())
    return torch.where(x >= 0, 1 / (1 + e), e / (1 + e))


def relu(x):
    return torch.where(x > 0, x, torch.zeros_like(x))


def tanh(x):
    e = torch.exp(-2 * x.abs())
    m = (1 - e) / (1 + e)
    return torch.where(x >= 0, m, -m)
