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

    Examples:
        >>> x = torch.tensor([[1.0, 2.0, 3.0, 6.0], [0.0, 0.0, 1.0, 1.0]])
        >>> layer_norm(x, (4,))                   # each row on its own
        tensor([[-1.0690, -0.5345,  0.0000,  1.6036],
                [-1.0000, -1.0000,  1.0000,  1.0000]])
        >>> layer_norm(x, (4,), weight=torch.tensor([1.0, 1.0, 2.0, 2.0]), bias=torch.full((4,), 0.5))
        tensor([[-0.5690, -0.0345,  0.5000,  3.7071],
                [-0.5000, -0.5000,  2.5000,  2.5000]])

    normalized_shape = (2, 2): the four numbers of each (2, 2) block share one mean and variance.
        >>> layer_norm(torch.tensor([[[1.0, 2.0], [3.0, 6.0]]]), (2, 2))
        tensor([[[-1.0690, -0.5345],
                 [ 0.0000,  1.6036]]])
    """
    raise NotImplementedError
