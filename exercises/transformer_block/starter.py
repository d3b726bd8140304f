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

    Two facts to test your block with (E = 2, T = 2, x = [[1, 2], [3, 5]]):
        every weight and bias 0, LayerNorm weights 1: the pre-LN block returns x unchanged,
        because both sub-layers add 0 to the residual stream. (A post-LN block would return
        LN(x) ≈ [[-1, 1], [-1, 1]] instead.)
        with causal=True, changing x at the last position never changes the output at the
        earlier ones.
    """
    raise NotImplementedError
