"""2-D max pooling, written from scratch.

Write max_pool2d to compute exactly what torch.nn.functional.max_pool2d computes (square
windows, dilation 1, ceil_mode False). You may use indexing, slicing, torch.maximum / amax /
max and torch.nn.functional.pad; F.max_pool2d, nn.MaxPool2d and unfold are off-limits.
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

    Tiny example (N = C = 1, kernel_size 2, stride left out so it is 2):
        x = [[1, 2, 5, 6],
             [3, 4, 7, 8],      out = [[4, 8],
             [9, 1, 2, 0],             [9, 4]]
             [3, 2, 1, 4]]
    """
    raise NotImplementedError
