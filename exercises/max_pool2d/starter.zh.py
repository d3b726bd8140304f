"""从零实现二维最大池化。

实现 max_pool2d：精确计算 torch.nn.functional.max_pool2d 所计算的结果（正方形窗口，dilation 为 1，
ceil_mode 为 False）。你可以使用索引、切片、torch.maximum / amax / max 和
torch.nn.functional.pad；F.max_pool2d、nn.MaxPool2d 和 unfold 禁止使用。

你的函数会被求导：全程留在 torch 中，不要在中途调用 .item()、.numpy() 或 .detach()
（流回函数内部的梯度也会被检查）。
"""
import torch


def max_pool2d(x, kernel_size, stride=None, padding=0):
    """对每张图像、每个通道，取每个 kernel_size × kernel_size 窗口的最大值。

    参数：
        x:           (N, C, H, W) 输入。
        kernel_size: int K，窗口为 K×K。
        stride:      int，相邻窗口之间的步幅；None 表示 stride = kernel_size。
        padding:     int P ≤ K // 2，加在 H 和 W 的每一边。填充的位置永远不会成为最大值
                     （它们相当于 −∞）。

    返回：
        (N, C, H_out, W_out)，其中 H_out = (H + 2·P − K) // stride + 1（W_out 同理），
        dtype 与 x 相同，与 x 在同一设备上。

    示例（N = C = 1）：
        >>> x = torch.tensor([[[[1.0, 2, 5, 6], [3, 4, 7, 8], [9, 1, 2, 0], [3, 2, 1, 4]]]])
        >>> max_pool2d(x, 2)                 # stride left out
        tensor([[[[4., 8.],
                  [9., 4.]]]])
        >>> max_pool2d(x, 3, stride=1)       # overlapping windows
        tensor([[[[9., 8.],
                  [9., 8.]]]])
        >>> max_pool2d(-x[:, :, :2, :3], 2, stride=1, padding=1)     # all negative, padded
        tensor([[[[-1., -1., -2., -5.],
                  [-1., -1., -2., -5.],
                  [-3., -3., -4., -7.]]]])
    """
    raise NotImplementedError
