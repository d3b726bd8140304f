"""Wrong variant: every element of a window receives the window's gradient, not just its maximum."""
import torch


def max_pool2d_backward(dout, x, kernel_size, stride=None):
    k = kernel_size
    s = stride or k
    h_out, w_out = dout.shape[2], dout.shape[3]
    dx = torch.zeros_like(x)
    for a in range(k):
        for b in range(k):
            dx[:, :, a:a + s * (h_out - 1) + 1:s, b:b + s * (w_out - 1) + 1:s] += dout
    return dx
