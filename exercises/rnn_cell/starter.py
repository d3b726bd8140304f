"""One step of a vanilla (Elman) RNN, in PyTorch's weight layout.

Write rnn_cell to compute exactly what nn.RNNCell (nonlinearity='tanh') computes, given its
weights. You may use matrix products and torch.tanh; nn.RNNCell, nn.RNN and torch.rnn_tanh_cell
are off-limits.
"""
import torch


def rnn_cell(x, h, w_ih, w_hh, b_ih, b_hh):
    """h' = tanh(x @ w_ih.T + b_ih + h @ w_hh.T + b_hh)

    Args:
        x:    (N, D) inputs at this time step (N examples, D features).
        h:    (N, H) the previous hidden state.
        w_ih: (H, D) input-to-hidden weights   (nn.RNNCell.weight_ih).
        w_hh: (H, H) hidden-to-hidden weights  (nn.RNNCell.weight_hh).
        b_ih: (H,) input bias;  b_hh: (H,) hidden bias.

    Returns:
        (N, H) the new hidden state h', with x's dtype, on x's device.

    Tiny example (N = 1, D = H = 2):
        w_ih = [[1, 0], [0.5, -1]]   w_hh = [[0.5, -0.5], [1, 0]]   b_ih = [0, 0.1]   b_hh = [0.1, 0]
        x = [[1, 2]]   h = [[1, -1]]
        pre-activation = [1, -1.5] + [0, 0.1] + [1, 1] + [0.1, 0] = [2.1, -0.4]
        h' = tanh([2.1, -0.4]) ≈ [[0.9705, -0.3799]]
    """
    raise NotImplementedError
