"""手写 LSTM 单步的反向传播。

前向传播是 lstm_cell(x, h, c, w_ih, w_hh, b_ih, b_hh)，与 nn.LSTMCell 的计算一致：
    gates = x·w_ihᵀ + b_ih + h·w_hhᵀ + b_hh            (N, 4H)：四个各含 H 列的块，依次为 i、f、g、o
    i = σ(block 0)   f = σ(block 1)   g = tanh(block 2)   o = σ(block 3)
    c' = f·c + i·g          h' = o·tanh(c')
给定 dh_next 和 dc_next，即某个损失对 h' 和 c' 的梯度，返回对这一步每个输入的梯度。不许使用
autograd（torch.autograd、.backward()、torch.func）。
"""
import torch


def lstm_cell_backward(dh_next, dc_next, x, h, c, w_ih, w_hh, b_ih, b_hh):
    """(h', c') = lstm_cell(x, h, c, w_ih, w_hh, b_ih, b_hh) 的梯度。

    参数：
        dh_next, dc_next: (N, H) 损失对 h' 和 c' 的梯度。
        x: (N, D) 输入；h, c: (N, H) 上一步的隐状态和记忆元。
        w_ih: (4H, D)，w_hh: (4H, H)，b_ih, b_hh: (4H,)——PyTorch 的布局，块的顺序为 i、f、g、o。

    返回：
        (dx, dh, dc, dw_ih, dw_hh, db_ih, db_hh)，每个都与对应张量形状相同，dtype 和 device
        与 x 相同。

    示例（N = D = H = 1，所有权重和偏置为 0，x = h = 0，c = 1）：每个门的预激活值都是 0，
    所以 i = f = o = 0.5，g = 0，c' = 0.5，h' = 0.5·tanh(0.5)。
        >>> zero, one = torch.zeros(1, 1), torch.ones(1, 1)
        >>> w, b = torch.zeros(4, 1), torch.zeros(4)

    取 dh_next = 0，dc_next = 1：dc = dc_next·f = 0.5，偏置中只有 f 块（经由 c）和
    g 块（经由 i）得到梯度，分别为 1·c·σ'(0) = 0.25 和 1·i·tanh'(0) = 0.5：
        >>> grads = lstm_cell_backward(zero, one, zero, zero, one, w, w, b, b)
        >>> grads[2]                      # dc
        tensor([[0.5000]])
        >>> grads[5]                      # db_ih (db_hh is the same)
        tensor([0.0000, 0.2500, 0.5000, 0.0000])

    取 dh_next = 1，dc_next = 0：梯度只经由 h' = o·tanh(c') 到达 c'：
        >>> lstm_cell_backward(one, zero, zero, zero, one, w, w, b, b)[2]
        tensor([[0.1966]])
    """
    raise NotImplementedError
