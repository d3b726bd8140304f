# exercise: im2col
# expect: fail
# stage: forbidden
# torch._C._nn.im2col, what F.unfold calls.
import torch


def im2col(x, kernel_size, stride=1, padding=0):
    k = (kernel_size, kernel_size) if isinstance(kernel_size, int) else tuple(kernel_size)
    return torch._C._nn.im2col(x, k, [1, 1], [padding, padding], [stride, stride])


def conv2d_im2col(x, weight, bias=None, stride=1, padding=0):
    n, c, h, w = x.shape
    f, _, kh, kw = weight.shape
    cols = im2col(x, (kh, kw), stride, padding)
    out = weight.reshape(f, -1) @ cols
    if bias is not None:
        out = out + bias.view(1, f, 1)
    h_out = (h + 2 * padding - kh) // stride + 1
    return out.reshape(n, f, h_out, -1)
