"""Wrong variant: the pre-activation is returned without the tanh."""
import torch


def rnn_cell(x, h, w_ih, w_hh, b_ih, b_hh):
    return x @ w_ih.T + b_ih + h @ w_hh.T + b_hh
