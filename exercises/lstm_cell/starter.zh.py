"""LSTM 的一步，采用 PyTorch 的权重布局。

实现 lstm_cell：当 nn.LSTMCell(D, H) 持有给定的权重时，精确计算它所计算的结果。你可以使用矩阵乘法、
chunk/split、torch.sigmoid 和 torch.tanh；nn.LSTMCell、nn.LSTM 和 torch.lstm_cell 禁止使用。

你的函数会被求导：全程留在 torch 中，不要在中途调用 .item()、.numpy() 或 .detach()
（流回函数内部的梯度也会被检查）。
"""
import torch


def lstm_cell(x, h, c, w_ih, w_hh, b_ih, b_hh):
    """读入一个输入 x 之后新的隐状态和记忆元 (h', c')，与 nn.LSTMCell 的计算一致。

    参数：
        x:    (N, D) 这一步的输入。
        h, c: (N, H) 上一个隐状态和记忆元。
        w_ih: (4H, D) nn.LSTMCell.weight_ih；w_hh: (4H, H) weight_hh；
        b_ih: (4H,) bias_ih；b_hh: (4H,) bias_hh。

    布局：4H 行是四个堆叠的块，每块 H 行，每个门一块，按 PyTorch 的顺序
    i、f、g、o（输入门、遗忘门、候选值、输出门）排列；偏置也同样堆叠。

    返回：
        (h', c')：两个 (N, H) 张量，h' 在前；dtype 和设备与 x 相同。

    示例（N = D = H = 1；只有 w_ih 非零，i、f、g、o 每块一行）：
        >>> w_ih = torch.tensor([[0.5], [1.0], [-2.0], [3.0]])
        >>> w_hh, b_ih, b_hh = torch.zeros(4, 1), torch.zeros(4), torch.zeros(4)
        >>> lstm_cell(torch.tensor([[1.0]]), torch.tensor([[0.0]]), torch.tensor([[0.5]]), w_ih, w_hh, b_ih, b_hh)
        (tensor([[-0.2194]]), tensor([[-0.2345]]))
    """
    raise NotImplementedError
