"""普通（Elman）RNN 的一步，采用 PyTorch 的权重布局。

实现 rnn_cell：当 nn.RNNCell(D, H)（nonlinearity='tanh'）持有给定的权重时，精确计算它所计算的结果。
你可以使用矩阵乘法和 torch.tanh；nn.RNNCell、nn.RNN 和 torch.rnn_tanh_cell 禁止使用。

你的函数会被求导：全程留在 torch 中，不要在中途调用 .item()、.numpy() 或 .detach()
（流回函数内部的梯度也会被检查）。
"""
import torch


def rnn_cell(x, h, w_ih, w_hh, b_ih, b_hh):
    """读入一个输入 x 之后的新隐状态 h'，与 nn.RNNCell 的计算一致。

    参数：
        x:    (N, D) 这一时间步的输入（N 个样本，D 个特征）。
        h:    (N, H) 上一个隐状态。
        w_ih: (H, D) nn.RNNCell.weight_ih：第 j 行是进入隐藏单元 j 的权重。
        w_hh: (H, H) nn.RNNCell.weight_hh，布局相同。
        b_ih: (H,) nn.RNNCell.bias_ih；b_hh: (H,) nn.RNNCell.bias_hh。

    返回：
        (N, H) 新的隐状态 h'，dtype 与 x 相同，与 x 在同一设备上。

    示例（N = 1，D = H = 2）：
        >>> w_ih = torch.tensor([[1.0, 0.0], [0.5, -1.0]])
        >>> w_hh = torch.tensor([[0.5, -0.5], [1.0, 0.0]])
        >>> b_ih, b_hh = torch.tensor([0.0, 0.1]), torch.tensor([0.1, 0.0])
        >>> rnn_cell(torch.tensor([[1.0, 2.0]]), torch.tensor([[1.0, -1.0]]), w_ih, w_hh, b_ih, b_hh)
        tensor([[ 0.9705, -0.3799]])
    """
    raise NotImplementedError
