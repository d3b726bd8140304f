# exercise: conv2d
# expect: pass
# A first-timer's conv2d: one Python loop per index and scalar multiply-adds, still differentiable.
import torch
import torch.nn.functional as F


def conv2d(x, weight, bias=None, stride=1, padding=0):
    n, c, h, w = x.shape
    f, _, kh, kw = weight.shape
    xp = F.pad(x, (padding, padding, padding, padding))
    h_out = (h + 2 * padding - kh) // stride + 1
    w_out = (w + 2 * padding - kw) // stride + 1
    rows = []
    for b in range(n):
        for k in range(f):
            for i in range(h_out):
                for j in range(w_out):
                    s = bias[k] if bias is not None else torch.zeros((), dtype=x.dtype, device=x.device)
                    for ch in range(c):
                        for a in range(kh):
                            for bb in range(kw):
                                s = s + xp[b, ch, i * stride + a, j * stride + bb] * weight[k, ch, a, bb]
                    rows.append(s)
    return torch.stack(rows).reshape(n, f, h_out, w_out)
