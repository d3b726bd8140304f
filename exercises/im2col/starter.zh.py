"""im2col：把每个窗口展开成一列，再用一次矩阵乘法完成卷积。

实现 im2col：精确计算 torch.nn.functional.unfold 所计算的结果；实现 conv2d_im2col：用你的 im2col
和一次 matmul 计算 torch.nn.functional.conv2d 的结果（groups=1，dilation=1）。unfold（F.、nn.、
Tensor. 下的）和 conv2d 禁止使用；F.pad 可以用。

你的函数会被求导：全程留在 torch 中，不要在中途调用 .item()、.numpy() 或 .detach()
（流回函数内部的梯度也会被检查）。
"""
import torch
import torch.nn.functional as F


def im2col(x, kernel_size, stride=1, padding=0):
    """把 x 中每个卷积核大小的窗口复制成一列。

    参数：
        x:           (N, C, H, W) 输入图像。
        kernel_size: int，或一对 (KH, KW)。
        stride:      int，相邻窗口之间的步幅（高和宽）。
        padding:     int，在 H 和 W 的每一边补的零的个数。

    返回：
        (N, C·KH·KW, L)，其中 L = H_out·W_out，H_out = (H + 2·padding − KH) // stride + 1
        （W_out 同理）。元素 [n, c·KH·KW + a·KW + b, i·W_out + j] 等于
        x_padded[n, c, i·stride + a, j·stride + b]。dtype 和设备与 x 相同。

    示例（N = 1，C = 2，3×3 输入，2×2 卷积核：四个窗口，2·2·2 = 8 行）：
        >>> x = torch.arange(1.0, 19.0).reshape(1, 2, 3, 3)      # channel 1 holds 10 … 18
        >>> im2col(x, 2)
        tensor([[[ 1.,  2.,  4.,  5.],
                 [ 2.,  3.,  5.,  6.],
                 [ 4.,  5.,  7.,  8.],
                 [ 5.,  6.,  8.,  9.],
                 [10., 11., 13., 14.],
                 [11., 12., 14., 15.],
                 [13., 14., 16., 17.],
                 [14., 15., 17., 18.]]])
        >>> im2col(x, 2, stride=2, padding=1).shape       # a 5×5 padded input: 2×2 windows
        torch.Size([1, 8, 4])
    """
    raise NotImplementedError


def conv2d_im2col(x, weight, bias=None, stride=1, padding=0):
    """二维卷积（互相关）：先做 im2col，再做一次矩阵乘法。

    参数：
        x:       (N, C, H, W) 输入图像。
        weight:  (F, C, KH, KW) 卷积核。
        bias:    (F,) 或 None。
        stride:  int。
        padding: int。

    返回：
        (N, F, H_out, W_out)，等于 F.conv2d(x, weight, bias, stride, padding)。

    中间的形状：im2col 给出 (N, C·KH·KW, L)；把权重看作 (F, C·KH·KW)，与之相乘得到 (N, F, L)；
    加上偏置，再把 L 变形回 (H_out, W_out)。

    示例：
        >>> x = torch.arange(1.0, 19.0).reshape(1, 2, 3, 3)
        >>> conv2d_im2col(x, torch.tensor([[[[1.0, 2.0], [0.0, -1.0]], [[0.0, 1.0], [1.0, 0.0]]]]), torch.tensor([0.5]))
        tensor([[[[24.5000, 28.5000],
                  [36.5000, 40.5000]]]])
    """
    raise NotImplementedError
