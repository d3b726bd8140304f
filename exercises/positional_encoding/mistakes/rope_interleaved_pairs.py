"""Mistake: RoPE applied to neighbouring pairs (2j, 2j + 1) — the RoFormer paper's interleaved
layout — where the contract pairs dimension j with j + D/2 (rotate-half)."""
import torch


def sinusoidal_encoding(seq_len, dim):
    position = torch.arange(seq_len, dtype=torch.float64)[:, None]
    two_i = torch.arange(0, dim, 2, dtype=torch.float64)
    angle = position / 10000.0 ** (two_i / dim)
    encoding = torch.zeros(seq_len, dim, dtype=torch.float64)
    encoding[:, 0::2] = torch.sin(angle)
    encoding[:, 1::2] = torch.cos(angle)
    return encoding.to(torch.get_default_dtype())


def apply_rope(x, base=10000.0):
    seq_len, dim = x.shape[-2], x.shape[-1]
    theta = base ** (-torch.arange(dim // 2, dtype=torch.float64, device=x.device) * 2 / dim)
    angle = torch.arange(seq_len, dtype=torch.float64, device=x.device)[:, None] * theta
    cos, sin = torch.cos(angle).to(x.dtype), torch.sin(angle).to(x.dtype)
    even, odd = x[..., 0::2], x[..., 1::2]
    rotated_even, rotated_odd = even * cos - odd * sin, odd * cos + even * sin
    return torch.stack([rotated_even, rotated_odd], dim=-1).flatten(-2)
