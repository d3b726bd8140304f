"""One step of an LSTM, in PyTorch's weight layout.

Write lstm_cell to compute exactly what nn.LSTMCell(D, H) computes when it holds the weights you
are given. You may use matrix products, chunk/split, torch.sigmoid and torch.tanh; nn.LSTMCell,
nn.LSTM and torch.lstm_cell are off-limits.

Your function is differentiated: stay in torch, no .item(), .numpy() or .detach() on the way
(the gradients flowing back through it are checked too).
"""
import torch


def lstm_cell(x, h, c, w_ih, w_hh, b_ih, b_hh):
    """The new hidden and cell states (h', c') after reading one input x, as nn.LSTMCell computes them.

    Args:
        x:    (N, D) inputs at this step.
        h, c: (N, H) the previous hidden state and cell state.
        w_ih: (4H, D) nn.LSTMCell.weight_ih;  w_hh: (4H, H) weight_hh;
        b_ih: (4H,) bias_ih;  b_hh: (4H,) bias_hh.

    Layout: the 4H rows are four stacked blocks of H rows, one per gate, in PyTorch's order
    i, f, g, o (input gate, forget gate, candidate, output gate); the biases are stacked alike.

    Returns:
        (h', c'): two (N, H) tensors, h' first; x's dtype and device.

    Example (N = D = H = 1; only w_ih is non-zero, one row per block i, f, g, o):
        >>> w_ih = torch.tensor([[0.5], [1.0], [-2.0], [3.0]])
        >>> w_hh, b_ih, b_hh = torch.zeros(4, 1), torch.zeros(4), torch.zeros(4)
        >>> lstm_cell(torch.tensor([[1.0]]), torch.tensor([[0.0]]), torch.tensor([[0.5]]), w_ih, w_hh, b_ih, b_hh)
        (tensor([[-0.2194]]), tensor([[-0.2345]]))
    """
    raise NotImplementedError
