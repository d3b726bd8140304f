"""Model solution: the compact form of the three paths from x to the output — directly, through the
mean μ, and through the variance σ² (which itself depends on μ)."""
import torch


def batch_norm_backward(dout, x, gamma, eps=1e-5):
    mu = x.mean(dim=0)
    var = ((x - mu) ** 2).mean(dim=0)          # biased: the forward pass divides by N
    inv_std = 1.0 / torch.sqrt(var + eps)
    x_hat = (x - mu) * inv_std
    dbeta = dout.sum(dim=0)
    dgamma = (dout * x_hat).sum(dim=0)
    dx_hat = dout * gamma
    # direct path, minus the mean path (Σ dx_hat / N), minus the variance path (x_hat · Σ dx_hat·x_hat / N)
    dx = inv_std * (dx_hat - dx_hat.mean(dim=0) - x_hat * (dx_hat * x_hat).mean(dim=0))
    return dx, dgamma, dbeta
