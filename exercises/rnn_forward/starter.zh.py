"""在整个序列上运行普通 RNN：也就是 nn.RNN 所做的那个循环。

实现 rnn_forward：在给定权重时，计算单层 nn.RNN（tanh，batch_first=False）所计算的结果。
你可以自己写单元（矩阵乘法和 torch.tanh）；nn.RNN、nn.RNNCell 和 torch.rnn_tanh 禁止使用。

你的函数会被求导：全程留在 torch 中，不要在中途调用 .item()、.numpy() 或 .detach()
（流回函数内部的梯度也会被检查）。
"""
import torch


def rnn_forward(xs, h0, w_ih, w_hh, b_ih, b_hh):
    """对 t = 1 … T 依次计算 h_t = tanh(x_t @ w_ih.T + b_ih + h_{t−1} @ w_hh.T + b_hh)。

    参数：
        xs:   (T, N, D) 输入序列，时间维在前（xs[t] 是第 t 步的批量）。
        h0:   (N, H) 初始隐状态。
        w_ih: (H, D)，w_hh: (H, H)，b_ih: (H,)，b_hh: (H,)：即 nn.RNN 的 weight_ih_l0、weight_hh_l0、
              bias_ih_l0、bias_hh_l0。

    返回：
        (outputs, h_T)：outputs 是 (T, N, H)，outputs[t] 是读入 xs[t] 之后的状态；
        h_T 是 (N, H)，即最终状态（等于 outputs[-1]）。dtype 和设备与 x 相同。

    示例（T = 2，N = D = H = 1）：
        >>> w_ih, w_hh, b_ih, b_hh = torch.tensor([[1.0]]), torch.tensor([[2.0]]), torch.zeros(1), torch.zeros(1)
        >>> outputs, h_T = rnn_forward(torch.tensor([[[0.5]], [[-1.0]]]), torch.zeros(1, 1), w_ih, w_hh, b_ih, b_hh)
        >>> outputs[:, 0, 0]          # the state after each step
        tensor([ 0.4621, -0.0756])
        >>> h_T
        tensor([[-0.0756]])
    """
    raise NotImplementedError
