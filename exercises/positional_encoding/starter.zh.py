"""Transformer 的位置信息：加到嵌入上的固定正弦编码，以及作用在查询和键上的旋转位置嵌入（RoPE）。

sinusoidal_encoding 只接收整数；apply_rope 对 x 的梯度会被检查。
你的函数会被求导：全程留在 torch 中，不要在中途调用 .item()、.numpy() 或 .detach()（指从 x
到 apply_rope 结果的这一路上）。
"""
import math

import torch


def sinusoidal_encoding(seq_len, dim):
    """《Attention Is All You Need》中的 (seq_len, dim) 表：

        PE[p, 2i]     = sin(p / 10000^(2i/dim))
        PE[p, 2i + 1] = cos(p / 10000^(2i/dim))      其中 p = 0 … seq_len−1，i = 0 … dim/2 − 1

    seq_len ≥ 1 和 dim ≥ 2 都是整数，dim 为偶数。返回一个 float32 张量（默认 dtype）。

    示例，seq_len = 3，dim = 4（各列依次为：第 0 对的 sin、cos，然后是第 1 对的 sin、cos）：
        >>> sinusoidal_encoding(3, 4)
        tensor([[ 0.0000,  1.0000,  0.0000,  1.0000],
                [ 0.8415,  0.5403,  0.0100,  0.9999],
                [ 0.9093, -0.4161,  0.0200,  0.9998]])
    """
    raise NotImplementedError


def apply_rope(x, base=10000.0):
    """对位置 0 … T−1 上的 x 做旋转位置嵌入，采用 "rotate-half" 配对。

    参数：
        x:    (B, H, T, D) 查询或键，D 为偶数；float32 或 float64，任意 device。
        base: θ 序列的底数：第 j 对每个位置转 θ_j = base^(−2j/D) 弧度。

    第 j 维与第 j + D/2 维配对（j < D/2）。在位置 p，这一对 (a, b) =
    (x[..., p, j], x[..., p, j + D/2]) 旋转角度 p·θ_j。

    返回：
        (B, H, T, D)，dtype 和 device 与 x 相同。

    示例，D = 4（θ = [1, 0.01]），一个批量元素、一个头，T = 3：
        >>> x = torch.tensor([[[[1.0, 0.0, 0.0, 0.0], [1.0, 0.0, 0.0, 0.0], [1.0, 2.0, 3.0, 4.0]]]])
        >>> apply_rope(x)     # position 0: no turn; position 1: the pair (x[0], x[2]) turns by 1 rad
        tensor([[[[ 1.0000,  0.0000,  0.0000,  0.0000],
                  [ 0.5403,  0.0000,  0.8415,  0.0000],
                  [-3.1440,  1.9196, -0.3391,  4.0392]]]])
    """
    raise NotImplementedError
