"""A first-time learner's max_pool2d_backward: scan each window, keep the first strict maximum."""
import torch


def max_pool2d_backward(dout, x, kernel_size, stride=None):
    if stride is None:
        stride = kernel_size
    N, C, H, W = x.shape
    _, _, H_out, W_out = dout.shape
    dx = torch.zeros_like(x)
    for n in range(N):
        for c in range(C):
            for i in range(H_out):
                for j in range(W_out):
                    best, best_r, best_c = None, 0, 0
                    for a in range(kernel_size):
                        for b in range(kernel_size):
                            v = x[n, c, i * stride + a, j * stride + b].item()
                            if best is None or v > best:
                                best, best_r, best_c = v, i * stride + a, j * stride + b
                    dx[n, c, best_r, best_c] += dout[n, c, i, j]
    return dx
