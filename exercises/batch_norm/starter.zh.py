"""批量规范化（batch normalization），包括训练与评估，以及它的滑动统计量。

写出 batch_norm，计算 F.batch_norm 所计算的内容（以及它更新的滑动缓冲区）。
F.batch_norm、torch.batch_norm 和 nn.BatchNorm 系列模块不许用。
你的函数会被求导：全程留在 torch 中，不要在中途调用 .item()、.numpy() 或 .detach()（从 x、gamma 和 beta 到输出的整个过程都是如此）。
"""
import torch


def batch_norm(x, gamma, beta, running_mean, running_var, training, momentum=0.1, eps=1e-5):
    """对 x 的每个通道做规范化，再乘以 gamma 缩放、加上 beta 平移。

    参数：
        x:            (N, C) 的特征或 (N, C, H, W) 的图像；C 总是第 1 维。
        gamma, beta:  (C,) 可学习的缩放和平移。
        running_mean, running_var: (C,) 均值和方差的滑动估计值。
        training:     True：用这个批量的统计量规范化，并更新滑动估计值；
                      False：用滑动估计值规范化，什么也不更新。
        momentum:     新批量在滑动估计值中的权重（PyTorch 的约定）。
        eps:          在开平方之前加到方差上。

    返回：
        (out, new_running_mean, new_running_var)：out 的形状与 x 相同，两个估计值的形状为 (C,)；
        dtype 和设备都与 x 相同。返回新张量，不要写入输入。

    示例，N = 4，C = 1（gamma = [1]，beta = [0]，running_mean = [0]，running_var = [1]）：
        >>> x = torch.tensor([[1.0], [2.0], [3.0], [6.0]])
        >>> one, zero = torch.ones(1), torch.zeros(1)
        >>> out, new_mean, new_var = batch_norm(x, one, zero, zero, one, training=True)
        >>> out
        tensor([[-1.0690],
                [-0.5345],
                [ 0.0000],
                [ 1.6036]])
        >>> new_mean, new_var
        (tensor([0.3000]), tensor([1.3667]))
        >>> batch_norm(x, one, zero, zero, one, training=False)   # the running estimates: mean 0, var 1
        (tensor([[1.0000],
                [2.0000],
                [3.0000],
                [6.0000]]), tensor([0.]), tensor([1.]))

    图像，N = 1，C = 2：每个通道的四个像素一起规范化。
        >>> x = torch.tensor([[[[0.0, 1.0], [2.0, 3.0]], [[10.0, 20.0], [30.0, 40.0]]]])
        >>> ones, zeros = torch.ones(2), torch.zeros(2)
        >>> out, new_mean, new_var = batch_norm(x, ones, zeros, zeros, ones, training=True)
        >>> out.flatten()                 # channel 0's pixels, then channel 1's
        tensor([-1.3416, -0.4472,  0.4472,  1.3416, -1.3416, -0.4472,  0.4472,  1.3416])
        >>> new_mean
        tensor([0.1500, 2.5000])
    """
    raise NotImplementedError
