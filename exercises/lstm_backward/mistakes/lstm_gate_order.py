"""Wrong variant: the (4H)-row blocks read as i, f, o, g instead of PyTorch's i, f, g, o."""
import torch


def lstm_cell_backward(dh_next, dc_next, x, h, c, w_ih, w_hh, b_ih, b_hh):
    gates = x @ w_ih.T + b_ih + h @ w_hh.T + b_hh
    a_i, a_f, a_o, a_g = gates.chunk(4, dim=1)
    i, f, o = torch.sigmoid(a_i), torch.sigmoid(a_f), torch.sigmoid(a_o)
    g = torch.tanh(a_g)
    c_next = f * c + i * g
    tanh_c = torch.tanh(c_next)
    do = dh_next * tanh_c
    dc_total = dc_next + dh_next * o * (1 - tanh_c ** 2)
    di, dg, df, dc = dc_total * g, dc_total * i, dc_total * c, dc_total * f
    d_gates = torch.cat([di * i * (1 - i), df * f * (1 - f), do * o * (1 - o), dg * (1 - g ** 2)], dim=1)
    db = d_gates.sum(dim=0)
    return d_gates @ w_ih, d_gates @ w_hh, dc, d_gates.T @ x, d_gates.T @ h, db, db.clone()
