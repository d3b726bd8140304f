"""The backward pass of one LSTM step, by hand.

The forward pass is lstm_cell(x, h, c, w_ih, w_hh, b_ih, b_hh) as nn.LSTMCell computes it:
    gates = x·w_ihᵀ + b_ih + h·w_hhᵀ + b_hh            (N, 4H): four blocks of H columns, i, f, g, o
    i = σ(block 0)   f = σ(block 1)   g = tanh(block 2)   o = σ(block 3)
    c' = f·c + i·g          h' = o·tanh(c')
Given dh_next and dc_next, the gradients of some loss with respect to h' and c', return the
gradients with respect to every input of the step. Autograd (torch.autograd, .backward(),
torch.func) is off-limits.
"""
import torch


def lstm_cell_backward(dh_next, dc_next, x, h, c, w_ih, w_hh, b_ih, b_hh):
    """Gradients of (h', c') = lstm_cell(x, h, c, w_ih, w_hh, b_ih, b_hh).

    Args:
        dh_next, dc_next: (N, H) gradients of the loss with respect to h' and c'.
        x: (N, D) input; h, c: (N, H) previous hidden and cell state.
        w_ih: (4H, D), w_hh: (4H, H), b_ih, b_hh: (4H,) — PyTorch's layout, blocks i, f, g, o.

    Returns:
        (dx, dh, dc, dw_ih, dw_hh, db_ih, db_hh), each with the shape of its tensor, x's dtype
        and device.

    Example (N = D = H = 1, all weights and biases 0, x = h = 0, c = 1): every gate
    pre-activation is 0, so i = f = o = 0.5, g = 0, c' = 0.5, h' = 0.5·tanh(0.5).
        >>> zero, one = torch.zeros(1, 1), torch.ones(1, 1)
        >>> w, b = torch.zeros(4, 1), torch.zeros(4)

    With dh_next = 0 and dc_next = 1: dc = dc_next·f = 0.5, and only the f block (via c) and the
    g block (via i) of the biases get a gradient, 1·c·σ'(0) = 0.25 and 1·i·tanh'(0) = 0.5:
        >>> grads = lstm_cell_backward(zero, one, zero, zero, one, w, w, b, b)
        >>> grads[2]                      # dc
        tensor([[0.5000]])
        >>> grads[5]                      # db_ih (db_hh is the same)
        tensor([0.0000, 0.2500, 0.5000, 0.0000])

    With dh_next = 1 and dc_next = 0 the gradient reaches c' through h' = o·tanh(c') only:
        >>> lstm_cell_backward(one, zero, zero, zero, one, w, w, b, b)[2]
        tensor([[0.1966]])
    """
    raise NotImplementedError
