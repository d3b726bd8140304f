"""手写二维卷积的反向传播。

前向传播是 out = conv2d(x, weight, bias, stride, padding)，与 torch.nn.functional.conv2d 的计算
完全一致（互相关：卷积核不翻转）。给定 dout，即某个损失对 out 的梯度，返回对 x、weight 和 bias
的梯度。不许使用 autograd（torch.autograd、.backward()、torch.func）和 torch.nn.grad，也不许使用
conv_transpose2d（它算的就是 dx）。索引、切片、einsum/matmul、F.pad、F.unfold/F.fold 都可以用。
"""
import torch


def conv2d_backward(dout, x, weight, stride=1, padding=0):
    """out = conv2d(x, weight, bias, stride, padding) 的梯度。

    参数：
        dout:    (N, F, H_out, W_out) 损失对 out 的梯度，其中
                 H_out = (H + 2·padding − KH) // stride + 1（W_out 同理）。
        x:       (N, C, H, W) 这一层的输入。
        weight:  (F, C, KH, KW) 滤波器。
        stride, padding: 整数，与前向传播相同。

    返回：
        (dx, dw, db)，形状分别为 (N, C, H, W)、(F, C, KH, KW) 和 (F,)，dtype 和 device 与 x 相同。
        没有任何窗口覆盖到的输入行或列（步幅不能整除时）梯度恰好为 0。

    示例（N = C = F = 1，步幅 1，无填充，dout 全为 1）。dw[a, b] 是四个窗口中
    dout 乘以 weight[a, b] 下方输入之和，所以 dw = [[12, 16], [24, 28]]：
        >>> x = torch.tensor([[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]]])
        >>> weight = torch.tensor([[[[1.0, 2.0], [3.0, 4.0]]]])
        >>> dx, dw, db = conv2d_backward(torch.ones(1, 1, 2, 2), x, weight)
        >>> dx
        tensor([[[[ 1.,  3.,  2.],
                  [ 4., 10.,  6.],
                  [ 3.,  7.,  4.]]]])
        >>> dw
        tensor([[[[12., 16.],
                  [24., 28.]]]])
        >>> db
        tensor([4.])

    两张图像组成的批量（x 和 2·x）：两者都把梯度送给同一个滤波器。
        >>> conv2d_backward(torch.ones(2, 1, 2, 2), torch.cat([x, 2 * x]), weight)[1]
        tensor([[[[36., 48.],
                  [72., 84.]]]])

    padding = 1：输出为 4×4，每个输入像素在 4 个权重下各出现一次。
        >>> conv2d_backward(torch.ones(1, 1, 4, 4), x, weight, padding=1)[0]
        tensor([[[[10., 10., 10.],
                  [10., 10., 10.],
                  [10., 10., 10.]]]])
    """
    raise NotImplementedError
