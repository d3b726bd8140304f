"""A first-time learner's conv2d_backward: one Python loop per index, scalar multiply-adds."""
import torch


def conv2d_backward(dout, x, weight, stride=1, padding=0):
    N, C, H, W = x.shape
    F, _, KH, KW = weight.shape
    _, _, H_out, W_out = dout.shape
    x_pad = torch.zeros(N, C, H + 2 * padding, W + 2 * padding, dtype=x.dtype, device=x.device)
    x_pad[:, :, padding:padding + H, padding:padding + W] = x
    dx_pad = torch.zeros_like(x_pad)
    dw = torch.zeros_like(weight)
    db = torch.zeros(F, dtype=x.dtype, device=x.device)
    for n in range(N):
        for f in range(F):
            for i in range(H_out):
                for j in range(W_out):
                    g = dout[n, f, i, j]
                    db[f] += g
                    for c in range(C):
                        for a in range(KH):
                            for b in range(KW):
                                dw[f, c, a, b] += g * x_pad[n, c, i * stride + a, j * stride + b]
                                dx_pad[n, c, i * stride + a, j * stride + b] += g * weight[f, c, a, b]
    dx = dx_pad[:, :, padding:padding + H, padding:padding + W]
    return dx, dw, db
