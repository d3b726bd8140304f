# exercise: attention
# expect: fail
# stage: forbidden
# torch._C._nn.scaled_dot_product_attention, under F.
import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    out = torch._C._nn.scaled_dot_product_attention(q, k, v, attn_mask=mask)
    scores = q @ k.transpose(-2, -1) / q.shape[-1] ** 0.5
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    return out, torch.softmax(scores, dim=-1)
