"""One step of a GRU, in PyTorch's weight layout.

Write gru_cell to compute exactly what nn.GRUCell(D, H) computes when it holds the weights you
are given. You may use matrix products, chunk/split, torch.sigmoid and torch.tanh; nn.GRUCell,
nn.GRU and torch.gru_cell are off-limits.

Your function is differentiated: stay in torch, no .item(), .numpy() or .detach() on the way
(the gradients flowing back through it are checked too).
"""
import torch


def gru_cell(x, h, w_ih, w_hh, b_ih, b_hh):
    """The new hidden state h' after reading one input x, as nn.GRUCell computes it.

    Args:
        x:    (N, D) inputs at this step;  h: (N, H) the previous hidden state.
        w_ih: (3H, D) nn.GRUCell.weight_ih;  w_hh: (3H, H) weight_hh;
        b_ih: (3H,) bias_ih;  b_hh: (3H,) bias_hh.

    Layout: the 3H rows are three stacked blocks of H rows in PyTorch's order r, z, n (reset
    gate, update gate, candidate); the biases are stacked alike.

    Returns:
        (N, H) the new hidden state h', with x's dtype, on x's device.

    Example (N = D = H = 1; note the hidden bias of the candidate block):
        >>> w_ih = torch.tensor([[1.0], [-1.0], [2.0]])
        >>> w_hh = torch.tensor([[0.0], [0.0], [1.0]])
        >>> b_ih, b_hh = torch.zeros(3), torch.tensor([0.0, 0.0, 0.5])
        >>> gru_cell(torch.tensor([[1.0]]), torch.tensor([[0.5]]), w_ih, w_hh, b_ih, b_hh)
        tensor([[0.8593]])
    """
    raise NotImplementedError
