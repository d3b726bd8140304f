"""2-D max pooling, written from scratch.

Write max_pool2d to compute exactly what torch.nn.functional.max_pool2d computes (square
windows, dilation 1, ceil_mode False). You may use indexing, slicing, torch.maximum / amax /
max and torch.nn.functional.pad; F.max_pool2d, nn.MaxPool2d and unfold are off-limits.

Your function is differentiated: stay in torch, no .item(), .numpy() or .detach() on the way
(the gradients flowing back through it are checked too).
"""
import torch


def max_pool2d(x, kernel_size, stride=None, padding=0):
    """Take the maximum of each kernel_size × kernel_size window, per image and per channel.

    Args:
        x:           (N, C, H, W) input.
        kernel_size: int K, the window is K×K.
        stride:      int, the step between windows; None means stride = kernel_size.
        padding:     int P ≤ K // 2, added on every side of H and W. Padded positions never
                     win the max (they act like −∞).

    Returns:
        (N, C, H_out, W_out) with H_out = (H + 2·P − K) // stride + 1 (and W_out alike),
        with x's dtype, on x's device.

    Examples (N = C = 1):
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
