"""Model solution: the forward pass is a sum over kernel offsets (a, b) of shifted, strided slices
of the padded input; the backward pass walks the same offsets and sends each slice its share."""
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
            rows = slice(a, a + stride * (h_out - 1) + 1, stride)   # the input rows offset a touches
            cols = slice(b, b + stride * (w_out - 1) + 1, stride)
            # out[n, f, i, j] += weight[f, c, a, b] · x_p[n, c, i·s + a, j·s + b]
            dw[:, :, a, b] = torch.einsum("nfij,ncij->fc", dout, x_p[:, :, rows, cols])   # summed over the batch
            dx_p[:, :, rows, cols] += torch.einsum("nfij,fc->ncij", dout, weight[:, :, a, b])  # += : windows overlap
    dx = dx_p[:, :, padding:padding + h, padding:padding + w]   # the padding zeros are not inputs
    db = dout.sum(dim=(0, 2, 3))
    return dx, dw, db
