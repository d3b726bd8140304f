"""Positional information for a Transformer: fixed sinusoids added to the embeddings, and rotary
position embeddings (RoPE) applied to queries and keys.

sinusoidal_encoding takes only integers; apply_rope's gradient with respect to x is checked.
Your function is differentiated: stay in torch, no .item(), .numpy() or .detach() on the way
from x to apply_rope's result.
"""
import math

import torch


def sinusoidal_encoding(seq_len, dim):
    """The (seq_len, dim) table of "Attention Is All You Need":

        PE[p, 2i]     = sin(p / 10000^(2i/dim))
        PE[p, 2i + 1] = cos(p / 10000^(2i/dim))      for p = 0 … seq_len−1, i = 0 … dim/2 − 1

    seq_len ≥ 1 and dim ≥ 2 are ints, dim even. Returns a float32 tensor (the default dtype).

    Example, seq_len = 3, dim = 4 (columns: sin, cos of pair 0, then sin, cos of pair 1):
        >>> sinusoidal_encoding(3, 4)
        tensor([[ 0.0000,  1.0000,  0.0000,  1.0000],
                [ 0.8415,  0.5403,  0.0100,  0.9999],
                [ 0.9093, -0.4161,  0.0200,  0.9998]])
    """
    raise NotImplementedError


def apply_rope(x, base=10000.0):
    """Rotary position embedding of x at positions 0 … T−1, "rotate-half" pairing.

    Args:
        x:    (B, H, T, D) queries or keys, D even; float32 or float64, any device.
        base: the θ ladder's base: pair j turns by θ_j = base^(−2j/D) radians per position.

    Dimension j is paired with dimension j + D/2 (j < D/2). At position p, the pair (a, b) =
    (x[..., p, j], x[..., p, j + D/2]) is rotated by the angle p·θ_j.

    Returns:
        (B, H, T, D), x's dtype and device.

    Example, D = 4 (θ = [1, 0.01]), one batch element and head, T = 3:
        >>> x = torch.tensor([[[[1.0, 0.0, 0.0, 0.0], [1.0, 0.0, 0.0, 0.0], [1.0, 2.0, 3.0, 4.0]]]])
        >>> apply_rope(x)     # position 0: no turn; position 1: the pair (x[0], x[2]) turns by 1 rad
        tensor([[[[ 1.0000,  0.0000,  0.0000,  0.0000],
                  [ 0.5403,  0.0000,  0.8415,  0.0000],
                  [-3.1440,  1.9196, -0.3391,  4.0392]]]])
    """
    raise NotImplementedError
