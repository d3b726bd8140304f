"""从零写出均方误差。

写出 mse_loss，使其计算结果与使用默认 reduction='mean' 的 torch.nn.functional.mse_loss
完全相同。F.mse_loss 和 nn.MSELoss 不许用。

你的函数会被求导：全程留在 torch 中，不要在中途调用 .item()、.numpy() 或 .detach()
（反向流经它的梯度也会被检查）。
"""
import torch


def mse_loss(pred, target):
    """pred 与 target 之差的平方的平均值。

    参数：
        pred:   任意形状的张量，例如形状为 (N,) 或 (N, D) 的预测值。
        target: 与 pred 形状相同的张量。

    返回：
        一个 0 维张量（标量），dtype 和设备与 pred 相同。

    示例：
        >>> mse_loss(torch.tensor([1.0, 2.0, 3.0]), torch.tensor([1.0, 0.0, 0.0]))
        tensor(4.3333)
        >>> mse_loss(torch.tensor([[1.0, 2.0], [0.0, 0.0]]), torch.tensor([[1.0, 0.0], [0.0, 3.0]]))
        tensor(3.2500)
    """
    raise NotImplementedError
