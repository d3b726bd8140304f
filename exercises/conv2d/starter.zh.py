"""从零实现二维卷积。

实现 conv2d：精确计算 torch.nn.functional.conv2d 所计算的结果（groups=1，dilation=1）。
你可以使用张量索引、切片、算术运算、torch.einsum / matmul 和 torch.nn.functional.pad；
F.conv2d、nn.Conv2d 和 unfold 禁止使用。

你的函数会被求导：全程留在 torch 中，不要在中途调用 .item()、.numpy() 或 .detach()
（流回函数内部的梯度也会被检查）。
"""
import torch


def conv2d(x, weight, bias=None, stride=1, padding=0):
    """用一组卷积核对一批图像做互相关。

    参数：
        x:       (N, C, H, W) 输入图像。
        weight:  (F, C, KH, KW) 卷积核（F 个输出通道）。
        bias:    (F,) 或 None。
        stride:  int，相邻窗口之间的步幅（高和宽相同）。
        padding: int，在 H 和 W 的每一边补的零的个数。

    返回：
        (N, F, H_out, W_out)，其中 H_out = (H + 2·padding − KH) // stride + 1（W_out 同理），
        与 x 在同一设备上，dtype 与 x 相同。

    示例（N = C = F = 1；卷积核不对称，所以翻转的卷积核会暴露出来）：
        >>> x = torch.tensor([[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]]])
        >>> k = torch.tensor([[[[1.0, 2.0], [0.0, -1.0]]]])
        >>> conv2d(x, k)                  # out[0, 0, 0, 0] = 1·1 + 2·2 + 4·0 + 5·(−1)
        tensor([[[[0., 2.],
                  [6., 8.]]]])
        >>> conv2d(x, k, bias=torch.tensor([10.0]), stride=2, padding=1)
        tensor([[[[ 9.,  7.],
                  [11., 18.]]]])

    两个输入通道（x 出现两次，各配一个卷积核）；F = 1 个输出通道：
        >>> conv2d(torch.cat([x, x], dim=1), torch.cat([k, torch.ones(1, 1, 2, 2)], dim=1))
        tensor([[[[12., 18.],
                  [30., 36.]]]])
    """
    raise NotImplementedError
