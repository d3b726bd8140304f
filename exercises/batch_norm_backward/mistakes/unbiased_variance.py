"""Wrong variant: the batch variance divided by N − 1 (torch.var's default) instead of N."""
import torch


def batch_norm_backward(dout, x, gamma, eps=1e-5):
    mu = x.mean(dim=0)
    var = x.var(dim=0)
    inv_std = 1.0 / torch.sqrt(var + eps)
    x_hat = (x - mu) * inv_std
    dx_hat = dout * gamma
    dx = inv_std * (dx_hat - dx_hat.mean(dim=0) - x_hat * (dx_hat * x_hat).mean(dim=0))
    return dx, (dout * x_hat).sum(dim=0), dout.sum(dim=0)
