"""Wrong variant: dx computed as w.T @ dout.T, which has shape (D, N) instead of (N, D)."""
import torch


def linear_backward(dout, x, w):
    dx = w.T @ dout.T
    dw = dout.T @ x
    db = dout.sum(dim=0)
    return dx, dw, db
