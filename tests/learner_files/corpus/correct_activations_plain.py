# exercise: activations
# expect: pass
# The textbook formulas. exp(−x) overflows to inf for very negative x, and 1 / (1 + inf) = 0 is
# still the right value, so no guard is needed for the values.
# Their gradient is NaN there (0 · inf): a note on the pass, never a failure (tests/test_grading_notes.py).
import torch


def sigmoid(x):
    return 1 / (1 + torch.exp(-x))


def relu(x):
    return torch.maximum(x, torch.zeros_like(x))


def tanh(x):
    return 2 * sigmoid(2 * x) - 1
