"""Multi-head attention: num_heads attentions of dimension E / num_heads, side by side.

Write it with matrix products, reshape/transpose, masked_fill and a softmax (torch.softmax is
allowed). nn.MultiheadAttention, F.multi_head_attention_forward and F.scaled_dot_product_attention
are off-limits. Your function is differentiated: stay in torch, no .item(), .numpy() or .detach()
on the way.
"""
import math

import torch


def multi_head_attention(query, key, value, in_proj_weight, in_proj_bias, out_proj_weight, out_proj_bias,
                         num_heads, mask=None):
    """What nn.MultiheadAttention(E, num_heads, batch_first=True) computes with these parameters.

    Args:
        query:  (B, T, E) the positions that ask.
        key:    (B, S, E) the positions that are looked at (S may differ from T).
        value:  (B, S, E) what is read from them. For self-attention, query, key and value are
                the same tensor.
        in_proj_weight: (3E, E), three (E, E) blocks stacked: queries, then keys, then values.
        in_proj_bias:   (3E,), split the same way.
        out_proj_weight: (E, E) and out_proj_bias: (E,), applied after the heads are merged.
        num_heads: an int that divides E; each head has d = E // num_heads features.
        mask:   None, or a bool (T, S) shared by every batch element and head: True = may attend
                (as in the attention exercise). Every query may attend to at least one key.

    Returns:
        (B, T, E), query's dtype and device (the output only, not the attention weights).

    Example: E = 4, num_heads = 2 (d = 2), every projection the identity and every bias 0, so
    head 0 attends with features 0–1 of each position and head 1 with features 2–3;
    self-attention over B = 1, T = 3 positions:
        >>> x = torch.tensor([[[2.0, 0.0, 0.0, 1.0], [0.0, 1.0, 2.0, 0.0], [1.0, 0.0, 0.0, 0.0]]])
        >>> eye = torch.eye(4)
        >>> w_in, b_in = torch.cat([eye, eye, eye]), torch.zeros(12)     # queries = keys = values = x
        >>> multi_head_attention(x, x, x, w_in, b_in, eye, torch.zeros(4), num_heads=2)
        tensor([[[1.7225, 0.0454, 0.4965, 0.5035],
                 [0.7448, 0.5035, 1.7886, 0.0529],
                 [1.4359, 0.1400, 0.6667, 0.3333]]])

    With a causal mask (position t may attend to positions 0 … t), position 0 reads only itself:
        >>> causal = torch.tensor([[True, False, False], [True, True, False], [True, True, True]])
        >>> multi_head_attention(x, x, x, w_in, b_in, eye, torch.zeros(4), num_heads=2, mask=causal)
        tensor([[[2.0000, 0.0000, 0.0000, 1.0000],
                 [0.6605, 0.6698, 1.8884, 0.0558],
                 [1.4359, 0.1400, 0.6667, 0.3333]]])
    """
    raise NotImplementedError
