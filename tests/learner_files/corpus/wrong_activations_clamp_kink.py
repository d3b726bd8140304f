# exercise: activations
# expect: fail
# stage: gradient
# message: at a kink such as x = 0
# The "stable" sigmoid built with clamp: every value is right, but clamp's gradient at its bound is
# 0, so autograd reports σ′(0) = 0 (the true slope is 1/4) — and tanh inherits it.
import torch


def sigmoid(x):
    return torch.where(x >= 0, 1 / (1 + torch.exp(-x.clamp(min=0))), torch.exp(x.clamp(max=0)) / (1 + torch.exp(x.clamp(max=0))))


def relu(x):
    return x.clamp(min=0)


def tanh(x):
    return 2 * sigmoid(2 * x) - 1
