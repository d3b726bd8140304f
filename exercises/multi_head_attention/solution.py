"""Model solution: project, split E into num_heads heads of E/num_heads, attend per head, merge, project."""
import math

import torch


def split_heads(x, num_heads):
    # (B, L, E) -> (B, h, L, d): split the features, THEN move the head axis in front of the positions.
    batch, length, model_dim = x.shape
    return x.reshape(batch, length, num_heads, model_dim // num_heads).transpose(1, 2)


def multi_head_attention(query, key, value, in_proj_weight, in_proj_bias, out_proj_weight, out_proj_bias,
                         num_heads, mask=None):
    batch, length, model_dim = query.shape
    w_q, w_k, w_v = in_proj_weight.chunk(3)          # the packed (3E, E) weight: q rows, k rows, v rows
    b_q, b_k, b_v = in_proj_bias.chunk(3)
    q = split_heads(query @ w_q.T + b_q, num_heads)
    k = split_heads(key @ w_k.T + b_k, num_heads)
    v = split_heads(value @ w_v.T + b_v, num_heads)
    # Each head is an ordinary attention of dimension d = E / h, so the scale is 1/√d, not 1/√E.
    scores = q @ k.transpose(-2, -1) / math.sqrt(model_dim // num_heads)
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))   # (T, S) broadcasts over batch and heads
    heads = torch.softmax(scores, dim=-1) @ v                  # (B, h, T, d)
    merged = heads.transpose(1, 2).reshape(batch, length, model_dim)
    return merged @ out_proj_weight.T + out_proj_bias
