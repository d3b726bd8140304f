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

    Examples. The mask is random, so these choose cases whose result does not depend on it:
        >>> x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
        >>> dropout(x, p=0.5, training=False)     # evaluation: x comes back untouched
        tensor([[1., 2., 3.],
                [4., 5., 6.]])
        >>> dropout(x, p=0.0)                     # training, nothing dropped
        tensor([[1., 2., 3.],
                [4., 5., 6.]])
        >>> dropout(x, p=1.0)                     # training, everything dropped
        tensor([[0., 0., 0.],
                [0., 0., 0.]])

    With p = 0.75 about three quarters of the elements are 0, and every survivor of a 1 becomes 4
    (among 1000 elements, the chance that none is dropped, or none kept, is negligible):
        >>> dropout(torch.ones(1000), p=0.75).amax()
        tensor(4.)
        >>> dropout(torch.ones(1000), p=0.75).amin()
        tensor(0.)
    """
    raise NotImplementedError
