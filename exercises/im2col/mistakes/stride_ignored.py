"""Wrong variant: the windows always move one pixel at a time, whatever stride says."""
import torch
import torch.nn.functional as F


def _pair(k):
    return (k, k) if isinstance(k, int) else tuple(k)


def im2col(x, kernel_size, stride=1, padding=0):
    stride = 1                                            # the mistake: stride ignored
    kh, kw = _pair(kernel_size)
    n, c, h, w = x.shape
    h_out = (h + 2 * padding - kh) // stride + 1
    w_out = (w + 2 * padding - kw) // stride + 1
    x = F.pad(x, (padding, padding, padding, padding))
    # The (a, b) entry of every window at once: (N, C, H_out, W_out).
    offsets = [x[:, :, a:a + stride * (h_out - 1) + 1:stride, b:b + stride * (w_out - 1) + 1:stride]
               for a in range(kh) for b in range(kw)]
    # Stacking at dim 2 keeps F.unfold's order inside a column: channel, then kernel row, then column.
    cols = torch.stack(offsets, dim=2)                    # (N, C, KH·KW, H_out, W_out)
    return cols.reshape(n, c * kh * kw, h_out * w_out)


def conv2d_im2col(x, weight, bias=None, stride=1, padding=0):
    n, _, h, w = x.shape
    f, c, kh, kw = weight.shape
    h_out = (h + 2 * padding - kh) // stride + 1
    w_out = (w + 2 * padding - kw) // stride + 1
    cols = im2col(x, (kh, kw), stride, padding)           # (N, C·KH·KW, L)
    out = weight.reshape(f, c * kh * kw) @ cols           # (F, CKK) @ (N, CKK, L) -> (N, F, L)
    if bias is not None:
        out = out + bias.view(1, f, 1)
    return out.reshape(n, f, h_out, w_out)
