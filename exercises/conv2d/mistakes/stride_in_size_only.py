"""Wrong variant: the output has the strided size, but its windows still start one pixel apart."""
import torch
import torch.nn.functional as F


def conv2d(x, weight, bias=None, stride=1, padding=0):
    n, c, h, w = x.shape
    f, _, kh, kw = weight.shape
    if padding:
        x = F.pad(x, (padding, padding, padding, padding))
    h_out = (h + 2 * padding - kh) // stride + 1
    w_out = (w + 2 * padding - kw) // stride + 1
    out = torch.zeros(n, f, h_out, w_out, dtype=x.dtype, device=x.device)
    for i in range(h_out):
        for j in range(w_out):
            window = x[:, :, i:i + kh, j:j + kw]  # should start at (i·stride, j·stride)
            out[:, :, i, j] = torch.einsum("nchw,fchw->nf", window, weight)
    if bias is not None:
        out = out + bias.view(1, f, 1, 1)
    return out
