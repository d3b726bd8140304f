"""Scaled dot-product attention, the core of the Transformer: softmax(Q·Kᵀ/√d_k)·V.

Write it with matrix products, masked_fill and a softmax (torch.softmax is allowed here);
F.scaled_dot_product_attention and nn.MultiheadAttention are off-limits.

Your function is differentiated: stay in torch, no .item(), .numpy() or .detach() on the way
(the gradients flowing back through it are checked too).
"""
import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    """Attend from every query to every key; return the context vectors and the weights.

    Args:
        q:    (..., L_q, d_k) queries (any leading batch / head dimensions, or none).
        k:    (..., L_k, d_k) keys.
        v:    (..., L_k, d_v) values.
        mask: None, or a bool tensor broadcastable to (..., L_q, L_k); True = may attend,
              False = blocked (the convention of F.scaled_dot_product_attention). Every query
              may attend to at least one key.

    Returns:
        (out, weights): out is (..., L_q, d_v); weights is (..., L_q, L_k), each row summing to
        1 and exactly 0 where the mask is False. q's dtype and device.

    Example (the lesson's: one query, three keys, d_k = 4):
        >>> q = torch.tensor([[1.0, 0.0, 1.0, 0.0]])
        >>> k = torch.tensor([[1.0, 0.0, 1.0, 0.0], [0.0, 1.0, 0.0, 1.0], [1.0, 1.0, 1.0, 1.0]])
        >>> v = torch.tensor([[1.0, 0.0], [0.0, 1.0], [2.0, 2.0]])
        >>> scaled_dot_product_attention(q, k, v)
        (tensor([[1.2670, 1.0000]]), tensor([[0.4223, 0.1554, 0.4223]]))
        >>> scaled_dot_product_attention(q, k, v, mask=torch.tensor([[True, True, False]]))
        (tensor([[0.7311, 0.2689]]), tensor([[0.7311, 0.2689, 0.0000]]))
    """
    raise NotImplementedError
