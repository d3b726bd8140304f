"""第 10 课的 CIFAR-10 分类器（原文的 Net）：一个 LeNet 风格的网络，有两个卷积层和三个全连接层。

把这个网络写成一个 nn.Module，并由 build_net() 返回它的实例。torch.nn 中的层都可以用，只有惰性层
（lazy）除外（nn.LazyLinear 会替你算出展平后的大小，而这正是本练习要你自己做的事）。
"""
import torch
import torch.nn as nn


def build_net():
    """返回第 10 课的 Net，每次调用都是一个新实例。

    各层按顺序为：
        conv1: Conv2d(3, 6, kernel_size 5)          pool: MaxPool2d(2, 2)（用两次）
        conv2: Conv2d(6, 16, kernel_size 5)
        fc1:   Linear(?, 120)    fc2: Linear(120, 84)    fc3: Linear(84, 10)
    forward: conv1 → ReLU → pool → conv2 → ReLU → pool → flatten → fc1 → ReLU → fc2 → ReLU → fc3。

    输入：(N, 3, 32, 32) 的图像。      输出：(N, 10) 的原始得分（logits），每类一个。

    跟着形状算出 ?：3×32×32 → conv1 → 6×28×28 → pool → …

    示例（第二个示例把每个权重和偏置都设为 −0.1，并输入一张全 1 的图像）：
        >>> net = build_net()
        >>> sum(p.numel() for p in net.parameters())
        62006
        >>> for p in net.parameters():
        ...     _ = nn.init.constant_(p, -0.1)
        >>> net(torch.ones(1, 3, 32, 32)).detach()
        tensor([[-0.1000, -0.1000, -0.1000, -0.1000, -0.1000, -0.1000, -0.1000, -0.1000,
                 -0.1000, -0.1000]])
    """
    raise NotImplementedError
