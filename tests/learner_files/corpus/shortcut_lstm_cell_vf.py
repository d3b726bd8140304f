# exercise: lstm_cell
# expect: fail
# stage: forbidden
# torch._VF.lstm_cell, what nn.LSTMCell calls.
import torch


def lstm_cell(x, h, c, w_ih, w_hh, b_ih, b_hh):
    return torch._VF.lstm_cell(x, (h, c), w_ih, w_hh, b_ih, b_hh)
