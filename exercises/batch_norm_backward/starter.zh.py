"""手写批量规范化（训练模式）的反向传播。

前向传播对每个特征 d、在 N 行组成的批量上计算（即 F.batch_norm 在训练模式下的计算）：
    μ = x[:, d] 的均值          σ² = (x[:, d] − μ)² 的均值    （除以 N：有偏方差）
    x̂ = (x − μ) / √(σ² + eps)    out = γ·x̂ + β
给定 dout，即某个损失对 out 的梯度，返回对 x、γ 和 β 的梯度。不许使用 autograd（torch.autograd、
.backward()、torch.func）。
"""
import torch


def batch_norm_backward(dout, x, gamma, eps=1e-5):
    """训练模式下对 x (N, D) 做批量规范化的梯度。

    参数：
        dout:  (N, D) 损失对 out 的梯度。
        x:     (N, D) 前向传播的输入（N ≥ 2）。
        gamma: (D,) 缩放 γ（β 不出现在任何梯度中）。
        eps:   加在平方根内方差上的浮点数。

    返回：
        (dx, dgamma, dbeta)，形状分别为 (N, D)、(D,)、(D,)，dtype 和 device 与 x 相同。

    示例（N = 2，D = 1，取 eps = 0 让数字保持整齐）：μ = 2，σ² = 1，x̂ = [[−1], [1]]。
        >>> x, gamma, dout = torch.tensor([[1.0], [3.0]]), torch.tensor([2.0]), torch.tensor([[1.0], [0.0]])
        >>> dx, dgamma, dbeta = batch_norm_backward(dout, x, gamma, eps=0.0)
        >>> dbeta
        tensor([1.])
        >>> dgamma
        tensor([-1.])
        >>> dx
        tensor([[0.],
                [0.]])

    这里 dx 为 0，而 dout·γ/σ 会是 [[2], [0]]：经过 μ 和 σ² 的路径把它抵消了。
    """
    raise NotImplementedError
