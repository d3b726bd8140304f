"""GRU 的一步，采用 PyTorch 的权重布局。

实现 gru_cell：当 nn.GRUCell(D, H) 持有给定的权重时，精确计算它所计算的结果。你可以使用矩阵乘法、
chunk/split、torch.sigmoid 和 torch.tanh；nn.GRUCell、nn.GRU 和 torch.gru_cell 禁止使用。

你的函数会被求导：全程留在 torch 中，不要在中途调用 .item()、.numpy() 或 .detach()
（流回函数内部的梯度也会被检查）。
"""
import torch


def gru_cell(x, h, w_ih, w_hh, b_ih, b_hh):
    """读入一个输入 x 之后的新隐状态 h'，与 nn.GRUCell 的计算一致。

    参数：
        x:    (N, D) 这一步的输入；h: (N, H) 上一个隐状态。
        w_ih: (3H, D) nn.GRUCell.weight_ih；w_hh: (3H, H) weight_hh；
        b_ih: (3H,) bias_ih；b_hh: (3H,) bias_hh。

    布局：3H 行是三个堆叠的块，每块 H 行，按 PyTorch 的顺序 r、z、n（重置门、更新门、候选值）
    排列；偏置也同样堆叠。

    返回：
        (N, H) 新的隐状态 h'，dtype 与 x 相同，与 x 在同一设备上。

    示例（N = D = H = 1；注意候选值块的隐藏偏置）：
        >>> w_ih = torch.tensor([[1.0], [-1.0], [2.0]])
        >>> w_hh = torch.tensor([[0.0], [0.0], [1.0]])
        >>> b_ih, b_hh = torch.zeros(3), torch.tensor([0.0, 0.0, 0.5])
        >>> gru_cell(torch.tensor([[1.0]]), torch.tensor([[0.5]]), w_ih, w_hh, b_ih, b_hh)
        tensor([[0.8593]])
    """
    raise NotImplementedError
