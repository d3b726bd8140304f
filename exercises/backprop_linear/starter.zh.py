"""手推线性层的反向传播。

这一层计算 y = x @ w.T + b（即 torch.nn.Linear 和 F.linear 所计算的）。给定 dout，即某个损失
对 y 的梯度，返回对 x、w 和 b 的梯度。自动微分不许用（torch.autograd.grad、.backward()、
torch.func）：请用矩阵乘法。
"""
import torch


def linear_backward(dout, x, w):
    """线性层 y = x @ w.T + b 的梯度。

    参数：
        dout: (N, M) 损失对输出 y 的梯度。
        x:    (N, D) 这一层的输入（一批 N 个向量）。
        w:    (M, D) 权重（out_features × in_features，PyTorch 的布局）。

    返回：
        (dx, dw, db)，形状分别为 (N, D)、(M, D) 和 (M,)：损失对 x、w 和 b 的梯度，
        dtype 和设备与 dout 相同。

    示例（N = 2，D = 2，M = 1）：
        >>> x = torch.tensor([[1.0, 2.0], [0.0, -1.0]])
        >>> w = torch.tensor([[3.0, 4.0]])
        >>> linear_backward(torch.tensor([[0.5], [2.0]]), x, w)
        (tensor([[1.5000, 2.0000],
                [6.0000, 8.0000]]), tensor([[ 0.5000, -1.0000]]), tensor([2.5000]))
    """
    raise NotImplementedError
