"""Wrong variant: dw = x.T @ dout, the (D, M) transpose of the weight's gradient."""
import torch


def linear_backward(dout, x, w):
    dx = dout @ w
    dw = x.T @ dout
    db = dout.sum(dim=0)
    return dx, dw, db
