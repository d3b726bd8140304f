"""One step of an LSTM, in PyTorch's weight layout.

Write lstm_cell to compute exactly what nn.LSTMCell computes, given its weights. You may use
matrix products, chunk/split, torch.sigmoid and torch.tanh; nn.LSTMCell, nn.LSTM and
torch.lstm_cell are off-limits.
"""
import torch


def lstm_cell(x, h, c, w_ih, w_hh, b_ih, b_hh):
    """One LSTM step with gates stacked in PyTorch's order i, f, g, o.

        i, f, g, o = (x @ w_ih.T + b_ih + h @ w_hh.T + b_hh).chunk(4, dim=1)
        i, f, o = sigmoid(i), sigmoid(f), sigmoid(o);   g = tanh(g)
        c' = f ⊙ c + i ⊙ g
        h' = o ⊙ tanh(c')

    Args:
        x:    (N, D) inputs at this step.
        h, c: (N, H) the previous hidden state and cell state.
        w_ih: (4H, D), w_hh: (4H, H), b_ih: (4H,), b_hh: (4H,) — nn.LSTMCell's weight_ih,
              weight_hh, bias_ih, bias_hh (row blocks i, f, g, o).

    Returns:
        (h', c'): two (N, H) tensors, h' first; x's dtype and device.

    Tiny example (N = D = H = 1): w_ih = [[0.5], [1], [2], [0]] (rows i, f, g, o), every other
    weight and bias 0, x = [[1]], h = [[0]], c = [[0.5]]:
        i = σ(0.5) ≈ 0.6225   f = σ(1) ≈ 0.7311   g = tanh(2) ≈ 0.9640   o = σ(0) = 0.5
        c' = 0.7311·0.5 + 0.6225·0.9640 ≈ 0.9656      h' = 0.5·tanh(0.9656) ≈ 0.3734
    """
    raise NotImplementedError
