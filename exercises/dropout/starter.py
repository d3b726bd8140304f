"""Inverted dropout, as F.dropout computes it.

Write dropout(x, p, training). F.dropout, nn.Dropout and torch.dropout are off-limits; random
numbers (torch.rand_like, torch.bernoulli…) are yours to use. Your function is differentiated:
stay in torch, no .item(), .numpy() or .detach() on the way from x to the result.
"""
import torch


def dropout(x, p=0.5, training=True):
    """Randomly zero elements of x during training.

    Args:
        x:        a tensor of any shape (float32 or float64, any device).
        p:        the probability that an element is *dropped* (set to 0), 0 ≤ p ≤ 1.
        training: True while training; False at evaluation time.

    Returns:
        a tensor with x's shape, dtype and device. Each call draws a new random mask, one
        independent coin per element. p = 1 drops every element (the result is all zeros).

    Tiny example: x = torch.ones(2, 4), p = 0.25
        training=True  -> about a quarter of the elements are 0, the rest are 1.3333, e.g.
                          [[1.3333, 0.0000, 1.3333, 1.3333],
                           [1.3333, 1.3333, 1.3333, 0.0000]]
        training=False -> [[1., 1., 1., 1.], [1., 1., 1., 1.]]
    """
    raise NotImplementedError
