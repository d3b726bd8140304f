"""One step of a GRU, in PyTorch's weight layout.

Write gru_cell to compute exactly what nn.GRUCell computes, given its weights. You may use
matrix products, chunk/split, torch.sigmoid and torch.tanh; nn.GRUCell, nn.GRU and
torch.gru_cell are off-limits.
"""
import torch


def gru_cell(x, h, w_ih, w_hh, b_ih, b_hh):
    """One GRU step with gates stacked in PyTorch's order r, z, n.

        i_r, i_z, i_n = (x @ w_ih.T + b_ih).chunk(3, dim=1)     the input part
        h_r, h_z, h_n = (h @ w_hh.T + b_hh).chunk(3, dim=1)     the hidden part
        r = σ(i_r + h_r)       z = σ(i_z + h_z)       n = tanh(i_n + r ⊙ h_n)
        h' = (1 − z) ⊙ n + z ⊙ h

    Args:
        x:    (N, D) inputs at this step;  h: (N, H) the previous hidden state.
        w_ih: (3H, D), w_hh: (3H, H), b_ih: (3H,), b_hh: (3H,) — nn.GRUCell's weight_ih,
              weight_hh, bias_ih, bias_hh (row blocks r, z, n).

    Returns:
        (N, H) the new hidden state h', with x's dtype, on x's device.

    Tiny example (N = D = H = 1): w_ih = [[1], [-1], [2]], w_hh = [[0], [0], [1]],
    b_ih = [0, 0, 0], b_hh = [0, 0, 0.5], x = [[1]], h = [[0.5]]:
        r = σ(1) ≈ 0.7311   z = σ(−1) ≈ 0.2689   h_n = 1·0.5 + 0.5 = 1
        n = tanh(2 + 0.7311·1) ≈ 0.9915     h' = 0.7311·0.9915 + 0.2689·0.5 ≈ [[0.8593]]
    """
    raise NotImplementedError
