"""Lesson 10's CIFAR-10 classifier (the source article's Net): a LeNet-style network with two
convolutional layers and three fully connected ones.

Write the network as an nn.Module and return an instance from build_net(). You may use any layer
in torch.nn except the lazy ones (nn.LazyLinear would work out the flattened size for you, and
that is the point of the exercise).
"""
import torch
import torch.nn as nn


def build_net():
    """Return lesson 10's Net, a new instance each call.

    Layers, in this order:
        conv1: Conv2d(3, 6, kernel_size 5)          pool: MaxPool2d(2, 2) (used twice)
        conv2: Conv2d(6, 16, kernel_size 5)
        fc1:   Linear(?, 120)    fc2: Linear(120, 84)    fc3: Linear(84, 10)
    forward: conv1 → ReLU → pool → conv2 → ReLU → pool → flatten → fc1 → ReLU → fc2 → ReLU → fc3.

    Input:  (N, 3, 32, 32) images.      Output: (N, 10) raw scores (logits), one per class.

    Work out ? by following the shapes: 3×32×32 → conv1 → 6×28×28 → pool → …

    Examples (the second sets every weight and bias to −0.1 and feeds an all-ones image):
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
