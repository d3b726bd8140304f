"""Mistake: (B, L, E) reshaped straight to (B, h, L, d), which deals consecutive chunks of the
flattened positions-and-features out to the heads instead of splitting each position's features."""
import math

import torch


def multi_head_attention(query, key, value, in_proj_weight, in_proj_bias, out_proj_weight, out_proj_bias,
                         num_heads, mask=None):
    batch, length, model_dim = query.shape
    head_dim = model_dim // num_heads
    w_q, w_k, w_v = in_proj_weight.chunk(3)
    b_q, b_k, b_v = in_proj_bias.chunk(3)
    q = (query @ w_q.T + b_q).reshape(batch, num_heads, length, head_dim)
    k = (key @ w_k.T + b_k).reshape(batch, num_heads, key.shape[1], head_dim)
    v = (value @ w_v.T + b_v).reshape(batch, num_heads, value.shape[1], head_dim)
    scores = q @ k.transpose(-2, -1) / math.sqrt(head_dim)
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    heads = torch.softmax(scores, dim=-1) @ v
    return heads.reshape(batch, length, model_dim) @ out_proj_weight.T + out_proj_bias
