"""2-D convolution, written from scratch.

Write conv2d to compute exactly what torch.nn.functional.conv2d computes (groups=1,
dilation=1). You may use tensor indexing, slicing, arithmetic, torch.einsum / matmul and
torch.nn.functional.pad; F.conv2d, nn.Conv2d and unfold are off-limits.
"""
import torch


def conv2d(x, weight, bias=None, stride=1, padding=0):
    """Cross-correlate a batch of images with a bank of filters.

    Args:
        x:       (N, C, H, W) input images.
        weight:  (F, C, KH, KW) filters (F output channels).
        bias:    (F,) or None.
        stride:  int, the step between windows (same for height and width).
        padding: int, zeros added on every side of H and W.

    Returns:
        (N, F, H_out, W_out) with H_out = (H + 2·padding − KH) // stride + 1 (and W_out alike),
        on x's device, with x's dtype.

    Tiny example (N = C = F = 1, no padding, stride 1):
        x = [[1, 2, 3],        weight = [[1, 0],       out = [[1·1 + 2·0 + 4·0 + 5·1, …], …]
             [4, 5, 6],                  [0, 1]]           = [[ 6,  8],
             [7, 8, 9]]                                       [12, 14]]
    """
    raise NotImplementedError
