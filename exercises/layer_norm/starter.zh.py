"""层规范化（layer normalization），与 F.layer_norm 的计算相同。

写出 layer_norm。F.layer_norm、torch.layer_norm 和 nn.LayerNorm（以及其他规范化函数）不许用。
你的函数会被求导：全程留在 torch 中，不要在中途调用 .item()、.numpy() 或 .detach()（从 x、weight 和 bias 到输出的整个过程都是如此）。
"""
import torch


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    """在 x 的最后几个维度上做规范化，每个样本（和位置）各自单独进行。

    参数：
        x:                形状为 (..., *normalized_shape) 的张量，例如 (B, D) 或 (B, T, D)。
        normalized_shape: 等于 x 最后几个维度的整数元组：一个维度时为 (D,)，最后两个维度时为 (T, D)。
        weight, bias:     None，或形状为 normalized_shape 的张量（可学习的缩放和平移）。
        eps:              在开平方之前加到方差上。

    返回：
        一个与 x 的形状、dtype 和设备都相同的张量。没有滑动统计量：层规范化在训练和评估时的行为相同。

    示例：
        >>> x = torch.tensor([[1.0, 2.0, 3.0, 6.0], [0.0, 0.0, 1.0, 1.0]])
        >>> layer_norm(x, (4,))                   # each row on its own
        tensor([[-1.0690, -0.5345,  0.0000,  1.6036],
                [-1.0000, -1.0000,  1.0000,  1.0000]])
        >>> layer_norm(x, (4,), weight=torch.tensor([1.0, 1.0, 2.0, 2.0]), bias=torch.full((4,), 0.5))
        tensor([[-0.5690, -0.0345,  0.5000,  3.7071],
                [-0.5000, -0.5000,  2.5000,  2.5000]])

    normalized_shape = (2, 2)：每个 (2, 2) 块的四个数共用一个均值和方差。
        >>> layer_norm(torch.tensor([[[1.0, 2.0], [3.0, 6.0]]]), (2, 2))
        tensor([[[-1.0690, -0.5345],
                 [ 0.0000,  1.6036]]])
    """
    raise NotImplementedError
