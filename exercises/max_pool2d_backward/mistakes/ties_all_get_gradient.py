"""Wrong variant: a mask x == max sends the gradient to every tied maximum of a window."""
import torch


def max_pool2d_backward(dout, x, kernel_size, stride=None):
    k = kernel_size
    s = stride or k
    n, c = x.shape[0], x.shape[1]
    dx = torch.zeros_like(x)
    for i in range(dout.shape[2]):
        for j in range(dout.shape[3]):
            window = x[:, :, i * s:i * s + k, j * s:j * s + k]
            top = window.amax(dim=(2, 3), keepdim=True)
            dx[:, :, i * s:i * s + k, j * s:j * s + k] += (window == top) * dout[:, :, i, j].view(n, c, 1, 1)
    return dx
