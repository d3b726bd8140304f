"""Wrong variant: the bias is never added."""
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
    for a in range(kh):
        for b in range(kw):
            # The (a, b) element of every window at once: (N, C, H_out, W_out).
            patch = x[:, :, a:a + stride * (h_out - 1) + 1:stride, b:b + stride * (w_out - 1) + 1:stride]
            out = out + torch.einsum("nchw,fc->nfhw", patch, weight[:, :, a, b])
    return out
