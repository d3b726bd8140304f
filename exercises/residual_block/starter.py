"""A residual block: ResNet's BasicBlock, built from nn layers.

Return an nn.Module that computes what torchvision.models.resnet.BasicBlock computes, with the
same parameter and buffer names, so that a BasicBlock's state_dict loads into it. Any layer in
torch.nn is allowed; torchvision's ResNet classes are off-limits.

Your function is differentiated: stay in torch, no .item(), .numpy() or .detach() on the way
(the gradient flowing back through the block's forward to its input is checked too).
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

    Examples:
        >>> block = basic_block(64, 128, stride=2)
        >>> sum(p.numel() for p in block.parameters()), len(block.state_dict())
        (230144, 18)
        >>> block(torch.randn(1, 64, 8, 8)).shape
        torch.Size([1, 128, 4, 4])
        >>> sum(p.numel() for p in basic_block(16, 16).parameters())              # no downsample
        4672
        >>> sum(p.numel() for p in basic_block(16, 16, stride=2).parameters())    # a stride alone needs one
        4960

    The numbers, with every parameter set to 1 except conv2's weight, set to −1, and the batch
    norms in evaluation mode (running mean 0 and variance 1: each one then only adds its bias 1):
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
