"""Model solution: redo the forward pass, then walk it backwards one gate at a time."""
import torch


def lstm_cell_backward(dh_next, dc_next, x, h, c, w_ih, w_hh, b_ih, b_hh):
    gates = x @ w_ih.T + b_ih + h @ w_hh.T + b_hh              # (N, 4H), blocks i, f, g, o
    a_i, a_f, a_g, a_o = gates.chunk(4, dim=1)
    i, f, o = torch.sigmoid(a_i), torch.sigmoid(a_f), torch.sigmoid(a_o)
    g = torch.tanh(a_g)
    c_next = f * c + i * g
    tanh_c = torch.tanh(c_next)
    # h' = o·tanh(c'): dh_next reaches o directly and c' through tanh; dc_next adds to c' as it is.
    do = dh_next * tanh_c
    dc_total = dc_next + dh_next * o * (1 - tanh_c ** 2)
    di, dg, df, dc = dc_total * g, dc_total * i, dc_total * c, dc_total * f
    # back through the nonlinearities: σ' = σ(1 − σ), tanh' = 1 − tanh²
    d_gates = torch.cat([di * i * (1 - i), df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], dim=1)
    dx = d_gates @ w_ih
    dh = d_gates @ w_hh
    dw_ih = d_gates.T @ x
    dw_hh = d_gates.T @ h
    db = d_gates.sum(dim=0)                                    # both biases are added to the same sum
    return dx, dh, dc, dw_ih, dw_hh, db, db.clone()
