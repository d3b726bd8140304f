"""手写二维最大池化的反向传播。

前向传播是 out = max_pool2d(x, kernel_size, stride)，与 torch.nn.functional.max_pool2d 的计算
一致（正方形窗口，无填充，stride 为 None 表示 stride = kernel_size）。给定 dout，即某个损失对 out
的梯度，返回对 x 的梯度。不许使用 autograd（torch.autograd、.backward()、torch.func）和
F.max_pool2d 本身（它的 return_indices=True 会直接交给你胜出者）；索引、切片、max/argmax、
比较和算术运算都可以用。
"""
import torch


def max_pool2d_backward(dout, x, kernel_size, stride=None):
    """最大池化对其输入的梯度。

    参数：
        dout:        (N, C, H_out, W_out)，H_out = (H − K) // stride + 1（W_out 同理）。
        x:           (N, C, H, W) 前向传播的输入。
        kernel_size: 整数 K（K×K 窗口）。
        stride:      整数，或 None 表示 stride = K。

    返回：
        dx: (N, C, H, W)，dtype 和 device 与 x 相同。每个窗口把它的 dout 送给一个元素：该窗口的
        最大值；若有多个元素并列最大，则给按行优先顺序的第一个（先最上面一行，再从左到右）。
        在多个重叠窗口中胜出的元素得到这些窗口梯度之和；一个窗口都没赢的元素得到 0。

    示例（K = 2，省略 stride，所以它是 2）：
        >>> x = torch.tensor([[[[1.0, 2.0, 5.0, 6.0], [3.0, 4.0, 7.0, 8.0],
        ...                     [9.0, 1.0, 2.0, 0.0], [3.0, 2.0, 1.0, 4.0]]]])
        >>> max_pool2d_backward(torch.tensor([[[[10.0, 20.0], [30.0, 40.0]]]]), x, 2)
        tensor([[[[ 0.,  0.,  0.,  0.],
                  [ 0., 10.,  0., 20.],
                  [30.,  0.,  0.,  0.],
                  [ 0.,  0.,  0., 40.]]]])

    重叠窗口（K = 2，步幅 1）：5 是全部四个窗口的最大值。
        >>> max_pool2d_backward(torch.ones(1, 1, 2, 2), torch.tensor([[[[1.0, 0.0, 0.0], [0.0, 5.0, 0.0], [0.0, 0.0, 2.0]]]]), 2, 1)
        tensor([[[[0., 0., 0.],
                  [0., 4., 0.],
                  [0., 0., 0.]]]])

    一个全是并列的窗口（全为零，就像 ReLU 之后）：只有第一个元素得到梯度。
        >>> max_pool2d_backward(torch.ones(1, 1, 1, 1), torch.zeros(1, 1, 2, 2), 2)
        tensor([[[[1., 0.],
                  [0., 0.]]]])
    """
    raise NotImplementedError
