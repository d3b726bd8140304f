"""A first-time learner's lstm_cell_backward: the forward pass and every gradient with scalar loops."""
import math

import torch


def sigmoid(v):
    return 1.0 / (1.0 + math.exp(-v))


def lstm_cell_backward(dh_next, dc_next, x, h, c, w_ih, w_hh, b_ih, b_hh):
    N, D = x.shape
    H = h.shape[1]
    dx, dh, dc = torch.zeros_like(x), torch.zeros_like(h), torch.zeros_like(c)
    dw_ih, dw_hh = torch.zeros_like(w_ih), torch.zeros_like(w_hh)
    db = torch.zeros_like(b_ih)
    for n in range(N):
        pre = []
        for r in range(4 * H):
            s = b_ih[r].item() + b_hh[r].item()
            for k in range(D):
                s += x[n, k].item() * w_ih[r, k].item()
            for k in range(H):
                s += h[n, k].item() * w_hh[r, k].item()
            pre.append(s)
        dpre = [0.0] * (4 * H)
        for u in range(H):
            i, f = sigmoid(pre[u]), sigmoid(pre[H + u])
            g, o = math.tanh(pre[2 * H + u]), sigmoid(pre[3 * H + u])
            c_new = f * c[n, u].item() + i * g
            t = math.tanh(c_new)
            dhn, dcn = dh_next[n, u].item(), dc_next[n, u].item()
            dcell = dcn + dhn * o * (1 - t * t)
            dpre[u] = dcell * g * i * (1 - i)
            dpre[H + u] = dcell * c[n, u].item() * f * (1 - f)
            dpre[2 * H + u] = dcell * i * (1 - g * g)
            dpre[3 * H + u] = dhn * t * o * (1 - o)
            dc[n, u] = dcell * f
        for r in range(4 * H):
            db[r] += dpre[r]
            for k in range(D):
                dx[n, k] += dpre[r] * w_ih[r, k]
                dw_ih[r, k] += dpre[r] * x[n, k]
            for k in range(H):
                dh[n, k] += dpre[r] * w_hh[r, k]
                dw_hh[r, k] += dpre[r] * h[n, k]
    return dx, dh, dc, dw_ih, dw_hh, db, db.clone()
