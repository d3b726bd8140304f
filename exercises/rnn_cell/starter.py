"""One step of a vanilla (Elman) RNN, in PyTorch's weight layout.

Write rnn_cell to compute exactly what nn.RNNCell(D, H) (nonlinearity='tanh') computes when it
holds the weights you are given. You may use matrix products and torch.tanh; nn.RNNCell, nn.RNN
and torch.rnn_tanh_cell are off-limits.

Your function is differentiated: stay in torch, no .item(), .numpy() or .detach() on the way
(the gradients flowing back through it are checked too).
"""
import torch


def rnn_cell(x, h, w_ih, w_hh, b_ih, b_hh):
    """The new hidden state h' after reading one input x, as nn.RNNCell computes it.

    Args:
        x:    (N, D) inputs at this time step (N examples, D features).
        h:    (N, H) the previous hidden state.
        w_ih: (H, D) nn.RNNCell.weight_ih: row j holds the weights into hidden unit j.
        w_hh: (H, H) nn.RNNCell.weight_hh, laid out the same way.
        b_ih: (H,) nn.RNNCell.bias_ih;  b_hh: (H,) nn.RNNCell.bias_hh.

    Returns:
        (N, H) the new hidden state h', with x's dtype, on x's device.

    Example (N = 1, D = H = 2):
        >>> w_ih = torch.tensor([[1.0, 0.0], [0.5, -1.0]])
        >>> w_hh = torch.tensor([[0.5, -0.5], [1.0, 0.0]])
        >>> b_ih, b_hh = torch.tensor([0.0, 0.1]), torch.tensor([0.1, 0.0])
        >>> rnn_cell(torch.tensor([[1.0, 2.0]]), torch.tensor([[1.0, -1.0]]), w_ih, w_hh, b_ih, b_hh)
        tensor([[ 0.9705, -0.3799]])
    """
    raise NotImplementedError
