"""Run a vanilla RNN over a whole sequence: the loop that nn.RNN performs.

Write rnn_forward to compute what a one-layer nn.RNN (tanh, batch_first=False) computes, given
its weights. You may write the cell yourself (matrix products and torch.tanh); nn.RNN, nn.RNNCell
and torch.rnn_tanh are off-limits.

Your function is differentiated: stay in torch, no .item(), .numpy() or .detach() on the way
(the gradients flowing back through it are checked too).
"""
import torch


def rnn_forward(xs, h0, w_ih, w_hh, b_ih, b_hh):
    """Apply h_t = tanh(x_t @ w_ih.T + b_ih + h_{t−1} @ w_hh.T + b_hh) for t = 1 … T.

    Args:
        xs:   (T, N, D) the input sequence, time first (xs[t] is the batch at step t).
        h0:   (N, H) the initial hidden state.
        w_ih: (H, D), w_hh: (H, H), b_ih: (H,), b_hh: (H,) — nn.RNN's weight_ih_l0, weight_hh_l0,
              bias_ih_l0, bias_hh_l0.

    Returns:
        (outputs, h_T): outputs is (T, N, H), outputs[t] the state after reading xs[t];
        h_T is (N, H), the final state (equal to outputs[-1]). x's dtype and device.

    Example (T = 2, N = D = H = 1):
        >>> w_ih, w_hh, b_ih, b_hh = torch.tensor([[1.0]]), torch.tensor([[2.0]]), torch.zeros(1), torch.zeros(1)
        >>> outputs, h_T = rnn_forward(torch.tensor([[[0.5]], [[-1.0]]]), torch.zeros(1, 1), w_ih, w_hh, b_ih, b_hh)
        >>> outputs[:, 0, 0]          # the state after each step
        tensor([ 0.4621, -0.0756])
        >>> h_T
        tensor([[-0.0756]])
    """
    raise NotImplementedError
