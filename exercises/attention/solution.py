"""Model solution: softmax(Q·Kᵀ/√d_k)·V, with blocked pairs set to −∞ before the softmax."""
import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    # √d_k brings the dot products' standard deviation back to ~1, whatever d_k is.
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)          # over the keys: each row sums to 1
    return weights @ v, weights
