"""A residual block: ResNet's BasicBlock, built from nn layers.

Return an nn.Module that computes what torchvision.models.resnet.BasicBlock computes, with the
same parameter and buffer names, so that a BasicBlock's state_dict loads into it. Any layer in
torch.nn is allowed; torchvision's ResNet classes are off-limits.
"""
import torch
import torch.nn as nn


def basic_block(in_channels, out_channels, stride=1):
    """Return a new residual block module.

    The main path, for x of shape (N, in_channels, H, W):
        conv1: 3×3 convolution, in_channels -> out_channels, stride `stride`, padding 1, no bias
        bn1:   BatchNorm2d(out_channels), then ReLU
        conv2: 3×3 convolution, out_channels -> out_channels, stride 1, padding 1, no bias
        bn2:   BatchNorm2d(out_channels)
    The shortcut: x itself when the shapes already match; otherwise (stride ≠ 1, or the channel
    count changes) a projection called `downsample`: nn.Sequential of a 1×1 convolution
    (in_channels -> out_channels, stride `stride`, no bias) and a BatchNorm2d(out_channels).
    The two paths are combined into the block's output (N, out_channels, H', W').

    state_dict() keys, in BasicBlock's names: conv1.weight, bn1.weight, bn1.bias, bn1.running_mean,
    bn1.running_var, bn1.num_batches_tracked, the same for conv2 / bn2, and — only with the
    projection — downsample.0.weight and downsample.1.(weight, bias, running_mean, …).

    Tiny example: basic_block(64, 128, stride=2) has 230,144 parameters and 18 state_dict
    entries, and maps a (1, 64, 8, 8) input to a (1, 128, 4, 4) output; basic_block(16, 16)
    has 4,672 parameters, no downsample, and keeps the input's shape.
    """
    raise NotImplementedError
