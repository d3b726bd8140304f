"""从零写出 softmax。

写出 softmax，使其计算结果与 torch.softmax 完全相同。你可以使用 torch.exp、求和、max/amax
和普通的算术运算；softmax、log_softmax 和 logsumexp（torch.*、F.*、nn.* 以及对应的 Tensor
方法）一律不许用。得分大到 ±1000 时，你的 softmax 也必须保持有限。

你的函数会被求导：全程留在 torch 中，不要在中途调用 .item()、.numpy() 或 .detach()
（反向流经它的梯度也会被检查）。
"""
import torch


def softmax(x, dim=-1):
    """沿一个维度把得分变成概率。

    softmax(x)_i = e^(x_i) / Σ_j e^(x_j)，其中 i 和 j 沿 `dim` 取值。

    参数：
        x:   任意形状（至少 1 维）的实数得分张量（「logits」）。
        dim: int，沿其归一化的维度（负值从末尾倒数）。

    返回：
        与 x 形状、dtype 和设备都相同的张量；沿 `dim` 的每个切片都为正且和为 1。

    示例：
        >>> softmax(torch.tensor([1.0, 2.0, 3.0]))
        tensor([0.0900, 0.2447, 0.6652])
        >>> softmax(torch.tensor([[1.0, 1.0], [0.0, 2.0]]), dim=0)      # each column sums to 1
        tensor([[0.7311, 0.2689],
                [0.2689, 0.7311]])
        >>> softmax(torch.tensor([[1.0, 3.0], [0.0, 0.0]]))             # each row sums to 1
        tensor([[0.1192, 0.8808],
                [0.5000, 0.5000]])
        >>> softmax(torch.tensor([1000.0, 0.0, -1000.0]))               # large scores stay finite
        tensor([1., 0., 0.])
    """
    raise NotImplementedError
