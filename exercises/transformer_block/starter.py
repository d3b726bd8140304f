"""The pre-LN Transformer block, as nn.TransformerEncoderLayer(norm_first=True) computes it.

F.layer_norm, F.gelu, F.linear and torch.softmax are allowed; nn.TransformerEncoderLayer,
nn.MultiheadAttention and F.multi_head_attention_forward are off-limits. Your function is
differentiated: stay in torch, no .item(), .numpy() or .detach() on the way.
"""
import math

import torch


def transformer_block(x, params, num_heads, causal=True):
    """One block: x + SelfAttention(LN₁(x)), then that + MLP(LN₂(that)).

    Args:
        x:         (B, T, E) the residual stream; float32 or float64, any device.
        params:    the state_dict() of nn.TransformerEncoderLayer(E, num_heads, F, dropout=0,
                   activation="gelu", batch_first=True, norm_first=True), a dict of tensors:
                     "self_attn.in_proj_weight" (3E, E), "self_attn.in_proj_bias" (3E,)
                         — queries, keys, values stacked, as in the multi_head_attention exercise
                     "self_attn.out_proj.weight" (E, E), "self_attn.out_proj.bias" (E,)
                     "linear1.weight" (F, E), "linear1.bias" (F,)     the MLP's first layer
                     "linear2.weight" (E, F), "linear2.bias" (E,)     and its second
                     "norm1.weight", "norm1.bias", "norm2.weight", "norm2.bias" (E,)
                   LayerNorm's eps is 1e-5; GELU is the exact one, x·Φ(x) (with erf).
        num_heads: an int that divides E.
        causal:    True: position t attends to positions 0 … t only. False: to every position.

    Returns:
        (B, T, E), x's dtype and device.

    Examples, E = 2, F = 3, one head, B = 1, T = 2. First every weight and bias 0 and the
    LayerNorm weights 1: both sub-layers add 0 to the residual stream, so x comes back.
        >>> params = {"self_attn.in_proj_weight": torch.zeros(6, 2),
        ...           "self_attn.in_proj_bias": torch.zeros(6),
        ...           "self_attn.out_proj.weight": torch.zeros(2, 2),
        ...           "self_attn.out_proj.bias": torch.zeros(2),
        ...           "linear1.weight": torch.zeros(3, 2), "linear1.bias": torch.zeros(3),
        ...           "linear2.weight": torch.zeros(2, 3), "linear2.bias": torch.zeros(2),
        ...           "norm1.weight": torch.ones(2), "norm1.bias": torch.zeros(2),
        ...           "norm2.weight": torch.ones(2), "norm2.bias": torch.zeros(2)}
        >>> x = torch.tensor([[[1.0, 2.0], [5.0, 3.0]]])
        >>> transformer_block(x, params, num_heads=1)
        tensor([[[1., 2.],
                 [5., 3.]]])

    Now the values are LN₁(x) itself (≈ [−1, 1] and [1, −1]) and the output projection the
    identity; the queries and keys stay 0, so a position weighs equally every key it may see:
        >>> params["self_attn.in_proj_weight"] = torch.cat([torch.zeros(4, 2), torch.eye(2)])
        >>> params["self_attn.out_proj.weight"] = torch.eye(2)
        >>> transformer_block(x, params, num_heads=1)                 # causal: position 0 sees itself
        tensor([[[0.0000, 3.0000],
                 [5.0000, 3.0000]]])
        >>> transformer_block(x, params, num_heads=1, causal=False)   # both see both: they average to 0
        tensor([[[1.0000, 2.0000],
                 [5.0000, 3.0000]]])
    """
    raise NotImplementedError
