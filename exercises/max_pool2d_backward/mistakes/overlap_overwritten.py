"""Wrong variant: dx[...] = dout at each window's maximum, so where windows overlap and share a
maximum, the last window's gradient overwrites the earlier ones."""
import torch


def max_pool2d_backward(dout, x, kernel_size, stride=None):
    k = kernel_size
    s = stride or k
    n, c = x.shape[0], x.shape[1]
    dx = torch.zeros_like(x)
    batch = torch.arange(n, device=x.device).view(n, 1).expand(n, c)
    channel = torch.arange(c, device=x.device).view(1, c).expand(n, c)
    for i in range(dout.shape[2]):
        for j in range(dout.shape[3]):
            window = x[:, :, i * s:i * s + k, j * s:j * s + k].reshape(n, c, k * k)
            best = window.argmax(dim=-1)
            dx[batch, channel, i * s + best // k, j * s + best % k] = dout[:, :, i, j]
    return dx
