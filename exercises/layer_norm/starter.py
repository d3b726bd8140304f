"""Layer normalisation, as F.layer_norm computes it.

Write layer_norm. F.layer_norm, torch.layer_norm and nn.LayerNorm (and the other normalisation
functions) are off-limits. Your function is differentiated: stay in torch, no .item(), .numpy()
or .detach() on the way from x, weight and bias to the output.
"""
import torch


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    """Normalise x over its last dimensions, separately for every example (and position).

    Args:
        x:                a tensor (..., *normalized_shape), e.g. (B, D) or (B, T, D).
        normalized_shape: a tuple of ints equal to the last dims of x: (D,) for one
                          dimension, (T, D) for the last two.
        weight, bias:     None, or tensors of shape normalized_shape (the learned scale, shift).
        eps:              added to the variance before the square root.

    Returns:
        a tensor with x's shape, dtype and device. No running statistics: layer norm behaves
        the same in training and evaluation.

    Tiny example: x = [[1., 2., 3., 6.], [0., 0., 1., 1.]], normalized_shape = (4,)
        -> [[-1.0690, -0.5345,  0.0000,  1.6036],
            [-1.0000, -1.0000,  1.0000,  1.0000]]   (to 4 decimals)
    """
    raise NotImplementedError
