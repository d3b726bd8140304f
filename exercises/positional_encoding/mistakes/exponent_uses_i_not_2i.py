"""Mistake: the column index used in the exponent (10000^(i/dim)) instead of 2i for the pair i."""
import torch


def sinusoidal_encoding(seq_len, dim):
    position = torch.arange(seq_len, dtype=torch.float64)[:, None]
    i = torch.arange(dim // 2, dtype=torch.float64)
    angle = position / 10000.0 ** (i / dim)
    encoding = torch.zeros(seq_len, dim, dtype=torch.float64)
    encoding[:, 0::2] = torch.sin(angle)
    encoding[:, 1::2] = torch.cos(angle)
    return encoding.to(torch.get_default_dtype())


def apply_rope(x, base=10000.0):
    seq_len, dim = x.shape[-2], x.shape[-1]
    half = dim // 2
    theta = base ** (-torch.arange(half, dtype=torch.float64, device=x.device) * 2 / dim)
    angle = torch.arange(seq_len, dtype=torch.float64, device=x.device)[:, None] * theta
    cos, sin = torch.cos(angle).to(x.dtype), torch.sin(angle).to(x.dtype)
    first, second = x[..., :half], x[..., half:]
    return torch.cat([first * cos - second * sin, second * cos + first * sin], dim=-1)
