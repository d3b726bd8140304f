"""一个残差块：用 nn 的层搭出 ResNet 的 BasicBlock。

返回一个 nn.Module，计算 torchvision.models.resnet.BasicBlock 所计算的内容，参数和缓冲区的名字也相同，
使 BasicBlock 的 state_dict 能载入它。torch.nn 中的任何层都可以用；torchvision 的 ResNet 相关类不许用。

你的函数会被求导：全程留在 torch 中，不要在中途调用 .item()、.numpy() 或 .detach()
（经过块的 forward 反向传回输入的梯度也会被检查）。
"""
import torch
import torch.nn as nn


def basic_block(in_channels, out_channels, stride=1):
    """返回一个新的残差块模块。

    主路径，对形状为 (N, in_channels, H, W) 的 x：
        conv1: 3×3 卷积，in_channels -> out_channels，步幅 `stride`，填充 1，无偏置
        bn1:   BatchNorm2d(out_channels)，然后 ReLU
        conv2: 3×3 卷积，out_channels -> out_channels，步幅 1，填充 1，无偏置
        bn2:   BatchNorm2d(out_channels)
    捷径：形状已经一致时就是 x 本身；否则（stride ≠ 1，或通道数改变）是一个名为 `downsample` 的投影：
    由一个 1×1 卷积（in_channels -> out_channels，步幅 `stride`，无偏置）和一个 BatchNorm2d(out_channels)
    组成的 nn.Sequential。
    两条路径合起来得到块的输出 (N, out_channels, H', W')。

    state_dict() 的键，采用 BasicBlock 的名字：conv1.weight、bn1.weight、bn1.bias、bn1.running_mean、
    bn1.running_var、bn1.num_batches_tracked，conv2 / bn2 同理，以及（只在有投影时）
    downsample.0.weight 和 downsample.1.(weight, bias, running_mean, …)。

    示例：
        >>> block = basic_block(64, 128, stride=2)
        >>> sum(p.numel() for p in block.parameters()), len(block.state_dict())
        (230144, 18)
        >>> block(torch.randn(1, 64, 8, 8)).shape
        torch.Size([1, 128, 4, 4])
        >>> sum(p.numel() for p in basic_block(16, 16).parameters())              # no downsample
        4672
        >>> sum(p.numel() for p in basic_block(16, 16, stride=2).parameters())    # a stride alone needs one
        4960

    具体的数：除 conv2 的权重设为 −1 外，每个参数都设为 1，批量规范化处于评估模式
    （滑动均值为 0、方差为 1：于是每个批量规范化只是加上它的偏置 1）：
        >>> block = basic_block(1, 1, stride=2).eval()
        >>> _ = [nn.init.ones_(p) for p in block.parameters()]
        >>> _ = nn.init.constant_(block.conv2.weight, -1.0)
        >>> x = torch.tensor([[[[1.0, -2.0, 0.0, 3.0], [0.0, 1.0, -4.0, 0.0],
        ...                     [2.0, 0.0, 1.0, -1.0], [-3.0, 0.0, 0.0, 1.0]]]])
        >>> block(x)                      # to 4 decimals
        tensor([[[[1.0000, 0.0000],
                  [2.0000, 1.0000]]]])
    """
    raise NotImplementedError
