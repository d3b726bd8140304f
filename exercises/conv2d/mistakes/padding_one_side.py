"""Wrong variant: a canvas of the padded size with the image copied into its top-left corner
(xp[:, :, :H, :W] = x), so all 2·padding rows and columns of zeros end up below and to the right."""
import torch
import torch.nn.functional as F


def conv2d(x, weight, bias=None, stride=1, padding=0):
    n, c, h, w = x.shape
    f, _, kh, kw = weight.shape
    x = F.pad(x, (0, 2 * padding, 0, 2 * padding))       # the same as copying x into the corner
    h_out = (h + 2 * padding - kh) // stride + 1
    w_out = (w + 2 * padding - kw) // stride + 1
    out = torch.zeros(n, f, h_out, w_out, dtype=x.dtype, device=x.device)
    for a in range(kh):
        for b in range(kw):
            patch = x[:, :, a:a + stride * (h_out - 1) + 1:stride, b:b + stride * (w_out - 1) + 1:stride]
            out = out + torch.einsum("nchw,fc->nfhw", patch, weight[:, :, a, b])
    if bias is not None:
        out = out + bias.view(1, f, 1, 1)
    return out
