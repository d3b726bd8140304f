"""Wrong variant: the state is stored before it is updated (outputs are h0 … h_{T-1})."""
import torch


def rnn_forward(xs, h0, w_ih, w_hh, b_ih, b_hh):
    h = h0
    states = []
    for x in xs:
        states.append(h)
        h = torch.tanh(x @ w_ih.T + b_ih + h @ w_hh.T + b_hh)
    return torch.stack(states), h
