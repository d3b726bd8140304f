"""从零写出激活函数。

写出 sigmoid、relu 和 tanh，使它们的计算结果与 torch.sigmoid、torch.relu 和 torch.tanh
完全相同。你可以使用 torch.exp、torch.where、torch.clamp、abs 和普通的算术运算；内置的
sigmoid/relu/tanh（torch.*、F.*、nn.* 以及对应的 Tensor 方法）一律不许用。

三个函数都按元素作用：结果与输入的形状、dtype 和设备都相同。它们还必须能处理非常大的
输入（|x| 最大到 1000），而不返回 NaN。

你的函数会被求导：全程留在 torch 中，不要在中途调用 .item()、.numpy() 或 .detach()
（反向流经它的梯度也会被检查）。
"""
import torch


def sigmoid(x):
    """逻辑斯谛函数 σ(x) = 1 / (1 + e^(−x))，按元素计算。

    参数：
        x: 任意形状的张量。

    返回：
        形状相同的张量，值在 [0, 1] 之间。

    示例（±1000 这两项正是照搬公式会溢出的地方）：
        >>> sigmoid(torch.tensor([-1000.0, -1.0, 0.0, 1.0, 1000.0]))
        tensor([0.0000, 0.2689, 0.5000, 0.7311, 1.0000])
    """
    raise NotImplementedError


def relu(x):
    """修正线性单元 max(x, 0)，按元素计算。

    参数：
        x: 任意形状的张量。

    返回：
        形状相同的张量：x > 0 处为 x，其余为 0。

    示例：
        >>> relu(torch.tensor([-2.0, 0.0, 3.0]))
        tensor([0., 0., 3.])
    """
    raise NotImplementedError


def tanh(x):
    """双曲正切 (e^x − e^(−x)) / (e^x + e^(−x))，按元素计算。

    参数：
        x: 任意形状的张量。

    返回：
        形状相同的张量，值在 [−1, 1] 之间。

    示例：
        >>> tanh(torch.tensor([-1000.0, -1.0, 0.0, 0.5, 1000.0]))
        tensor([-1.0000, -0.7616,  0.0000,  0.4621,  1.0000])
    """
    raise NotImplementedError
