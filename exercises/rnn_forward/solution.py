"""Model solution: one RNN step per time step, the state carried from each step to the next."""
import torch


def rnn_forward(xs, h0, w_ih, w_hh, b_ih, b_hh):
    h = h0
    states = []
    for x in xs:                      # iterating a (T, N, D) tensor yields the (N, D) steps
        h = torch.tanh(x @ w_ih.T + b_ih + h @ w_hh.T + b_hh)
        states.append(h)
    return torch.stack(states), h
