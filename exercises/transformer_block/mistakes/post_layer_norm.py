"""Mistake: the post-LN block of the original Transformer, LN(x + attention(x)), then LN(x + MLP(x))."""
import math

import torch


def layer_norm(x, weight, bias, eps=1e-5):
    mean = x.mean(dim=-1, keepdim=True)
    variance = ((x - mean) ** 2).mean(dim=-1, keepdim=True)          # biased, as LayerNorm
    return (x - mean) / torch.sqrt(variance + eps) * weight + bias


def gelu(x):
    return 0.5 * x * (1 + torch.erf(x / math.sqrt(2)))                # the exact (erf) GELU


def self_attention(x, params, num_heads, causal):
    batch, length, model_dim = x.shape
    head_dim = model_dim // num_heads
    projected = x @ params["self_attn.in_proj_weight"].T + params["self_attn.in_proj_bias"]
    q, k, v = (part.reshape(batch, length, num_heads, head_dim).transpose(1, 2) for part in projected.chunk(3, dim=-1))
    scores = q @ k.transpose(-2, -1) / math.sqrt(head_dim)
    if causal:  # position t may look at positions 0 … t only
        future = torch.ones(length, length, dtype=torch.bool, device=x.device).triu(1)
        scores = scores.masked_fill(future, float("-inf"))
    heads = torch.softmax(scores, dim=-1) @ v
    merged = heads.transpose(1, 2).reshape(batch, length, model_dim)
    return merged @ params["self_attn.out_proj.weight"].T + params["self_attn.out_proj.bias"]


def transformer_block(x, params, num_heads, causal=True):
    x = layer_norm(x + self_attention(x, params, num_heads, causal), params["norm1.weight"], params["norm1.bias"])
    hidden = gelu(x @ params["linear1.weight"].T + params["linear1.bias"])
    return layer_norm(x + hidden @ params["linear2.weight"].T + params["linear2.bias"],
                      params["norm2.weight"], params["norm2.bias"])
