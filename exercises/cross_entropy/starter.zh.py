"""从零写出基于 logits 的交叉熵损失。

写出 cross_entropy，使其计算结果与使用默认参数的 torch.nn.functional.cross_entropy(logits, target)
完全相同。各种损失函数以及 softmax、log_softmax 和 logsumexp（torch.*、F.*、nn.* 以及对应的
Tensor 方法）一律不许用：请使用 exp、log、max/amax、求和与索引。logits 大到 ±1000 时，结果也
必须保持有限。

你的函数会被求导：全程留在 torch 中，不要在中途调用 .item()、.numpy() 或 .detach()
（反向流经它的梯度也会被检查）。
"""
import torch


def cross_entropy(logits, target):
    """−log softmax(logits)[target] 在批量上的平均值。

    参数：
        logits: (N, C) 原始的、未归一化的类别得分（还没有对它们做过任何处理）。
        target: (N,) int64 类别下标，每个都在 [0, C) 中。

    返回：
        一个 0 维张量（标量），dtype 和设备与 logits 相同。

    示例：
        >>> cross_entropy(torch.tensor([[2.0, 1.0, 0.1]]), torch.tensor([0]))
        tensor(0.4170)
        >>> cross_entropy(torch.tensor([[2.0, 1.0, 0.1], [0.5, 2.5, -1.0]]), torch.tensor([0, 1]))
        tensor(0.2851)
        >>> cross_entropy(torch.tensor([[1000.0, 999.0]]), torch.tensor([0]))   # large logits
        tensor(0.3133)
        >>> cross_entropy(torch.tensor([[20.0, -20.0]]), torch.tensor([1]))     # confidently wrong
        tensor(40.)
        >>> cross_entropy(torch.tensor([[0.0, -200.0]]), torch.tensor([1]))     # hopelessly wrong
        tensor(200.)
    """
    raise NotImplementedError
