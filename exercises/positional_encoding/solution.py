"""Model solution: sinusoidal position encodings, and rotary position embeddings (rotate-half pairing)."""
import torch


def sinusoidal_encoding(seq_len, dim):
    position = torch.arange(seq_len, dtype=torch.float64)[:, None]          # (T, 1)
    two_i = torch.arange(0, dim, 2, dtype=torch.float64)                     # 0, 2, 4, …: the even columns
    angle = position / 10000.0 ** (two_i / dim)                              # (T, dim/2)
    encoding = torch.zeros(seq_len, dim, dtype=torch.float64)
    encoding[:, 0::2] = torch.sin(angle)
    encoding[:, 1::2] = torch.cos(angle)
    return encoding.to(torch.get_default_dtype())


def apply_rope(x, base=10000.0):
    seq_len, dim = x.shape[-2], x.shape[-1]
    half = dim // 2
    # One frequency per pair (j, j + D/2): θ_j = base^(−2j/D), the same ladder as the sinusoids.
    theta = base ** (-torch.arange(half, dtype=torch.float64, device=x.device) * 2 / dim)
    angle = torch.arange(seq_len, dtype=torch.float64, device=x.device)[:, None] * theta   # (T, D/2)
    cos, sin = torch.cos(angle).to(x.dtype), torch.sin(angle).to(x.dtype)
    first, second = x[..., :half], x[..., half:]
    # Rotate every pair by its angle: (a, b) -> (a·cos − b·sin, b·cos + a·sin).
    return torch.cat([first * cos - second * sin, second * cos + first * sin], dim=-1)
