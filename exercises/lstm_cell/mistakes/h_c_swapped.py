"""Wrong variant: the results are returned as (c', h')."""
import torch


def lstm_cell(x, h, c, w_ih, w_hh, b_ih, b_hh):
    gates = x @ w_ih.T + b_ih + h @ w_hh.T + b_hh          # (N, 4H)
    i, f, g, o = gates.chunk(4, dim=1)
    i, f, o = torch.sigmoid(i), torch.sigmoid(f), torch.sigmoid(o)
    g = torch.tanh(g)                                       # the candidate is content, not a gate
    c_next = f * c + i * g
    h_next = o * torch.tanh(c_next)
    return c_next, h_next
