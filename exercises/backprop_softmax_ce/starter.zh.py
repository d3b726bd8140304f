"""手推 softmax 交叉熵的梯度。

损失是 F.cross_entropy(logits, target)：−log softmax(logits)[target] 在批量上的平均值。
返回它对 logits 的梯度。自动微分不许用（torch.autograd.grad、.backward()、torch.func）；
可以用 torch.softmax。
"""
import torch


def cross_entropy_backward(logits, target):
    """∂ loss / ∂ logits，其中 loss = 对 n 取平均的 −log softmax(logits[n])[target[n]]。

    参数：
        logits: (N, C) 原始的类别得分。
        target: (N,) int64 类别下标，每个都在 [0, C) 中。

    返回：
        (N, C) 张量，dtype 和设备与 logits 相同：平均损失的梯度。

    示例：
        >>> cross_entropy_backward(torch.tensor([[0.0, 0.0, 0.0], [1.0, 0.0, 0.0]]), torch.tensor([2, 0]))
        tensor([[ 0.1667,  0.1667, -0.3333],
                [-0.2119,  0.1060,  0.1060]])
        >>> cross_entropy_backward(torch.tensor([[1000.0, 0.0]]), torch.tensor([1]))    # large logits
        tensor([[ 1., -1.]])
    """
    raise NotImplementedError
