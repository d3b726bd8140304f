"""Scaled dot-product attention, the core of the Transformer: softmax(Q·Kᵀ/√d_k)·V.

Write it with matrix products, masked_fill and a softmax (torch.softmax is allowed here);
F.scaled_dot_product_attention and nn.MultiheadAttention are off-limits.
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

    Tiny example (the lesson's, d_k = 4, so the scale is 1/2):
        q = [[1, 0, 1, 0]]    k = [[1, 0, 1, 0], [0, 1, 0, 1], [1, 1, 1, 1]]    v = [[1, 0], [0, 1], [2, 2]]
        scores = [[2, 0, 2]] / 2 = [[1, 0, 1]]
        weights = softmax → [[0.4223, 0.1554, 0.4223]]      out = [[1.2670, 1.0000]]
        with mask = [[True, True, False]]: weights = [[0.7311, 0.2689, 0]], out = [[0.7311, 0.2689]]
    """
    raise NotImplementedError
