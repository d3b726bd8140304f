"""Wrong variant: dx as a "full convolution" of dout with the kernel, but the kernel not rotated
by 180° — each gradient lands at the mirrored offset of its window."""
import torch
import torch.nn.functional as F


def conv2d_backward(dout, x, weight, stride=1, padding=0):
    n, c, h, w = x.shape
    f, _, kh, kw = weight.shape
    h_out, w_out = dout.shape[2], dout.shape[3]
    x_p = F.pad(x, (padding, padding, padding, padding))
    dx_p = torch.zeros_like(x_p)
    dw = torch.zeros_like(weight)
    for a in range(kh):
        for b in range(kw):
            rows = slice(a, a + stride * (h_out - 1) + 1, stride)
            cols = slice(b, b + stride * (w_out - 1) + 1, stride)
            dw[:, :, a, b] = torch.einsum("nfij,ncij->fc", dout, x_p[:, :, rows, cols])
            mirrored = weight[:, :, kh - 1 - a, kw - 1 - b]
            dx_p[:, :, rows, cols] += torch.einsum("nfij,fc->ncij", dout, mirrored)
    dx = dx_p[:, :, padding:padding + h, padding:padding + w]
    return dx, dw, dout.sum(dim=(0, 2, 3))
