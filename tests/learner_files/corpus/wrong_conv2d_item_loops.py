# exercise: conv2d
# expect: fail
# stage: gradient
# message: .item()
# Loops through .item(): right numbers, but the result is cut off from the inputs in autograd.
import torch
import torch.nn.functional as F


def conv2d(x, weight, bias=None, stride=1, padding=0):
    n, c, h, w = x.shape
    f, _, kh, kw = weight.shape
    xp = F.pad(x, (padding, padding, padding, padding))
    h_out = (h + 2 * padding - kh) // stride + 1
    w_out = (w + 2 * padding - kw) // stride + 1
    out = torch.zeros(n, f, h_out, w_out, dtype=x.dtype, device=x.device)
    for b in range(n):
        for k in range(f):
            for i in range(h_out):
                for j in range(w_out):
                    window = xp[b, :, i * stride:i * stride + kh, j * stride:j * stride + kw]
                    value = (window * weight[k]).sum().item()
                    out[b, k, i, j] = value + (bias[k].item() if bias is not None else 0.0)
    return out
