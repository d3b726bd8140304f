"""Wrong variant: the input and hidden parts are added first, as in an LSTM, so the reset gate
never touches the candidate: n = tanh(i_n + h_n)."""
import torch


def gru_cell(x, h, w_ih, w_hh, b_ih, b_hh):
    gates = x @ w_ih.T + b_ih + h @ w_hh.T + b_hh
    r_pre, z_pre, n_pre = gates.chunk(3, dim=1)
    z = torch.sigmoid(z_pre)
    n = torch.tanh(n_pre)                  # r computed nowhere: the candidate always sees all of h
    return (1 - z) * n + z * h
