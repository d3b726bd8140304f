"""Wrong variant: μ and σ² treated as constants, so dx is only the direct path dout·γ/σ."""
import torch


def batch_norm_backward(dout, x, gamma, eps=1e-5):
    mu = x.mean(dim=0)
    var = ((x - mu) ** 2).mean(dim=0)
    inv_std = 1.0 / torch.sqrt(var + eps)
    x_hat = (x - mu) * inv_std
    dx = dout * gamma * inv_std
    return dx, (dout * x_hat).sum(dim=0), dout.sum(dim=0)
