"""im2col: unroll every window into a column, then convolve with one matrix product.

Write im2col to compute exactly what torch.nn.functional.unfold computes, and conv2d_im2col to
compute what torch.nn.functional.conv2d computes (groups=1, dilation=1) using your im2col and a
single matmul. unfold (F., nn., Tensor.) and conv2d are off-limits; F.pad is fine.

Your function is differentiated: stay in torch, no .item(), .numpy() or .detach() on the way
(the gradients flowing back through it are checked too).
"""
import torch
import torch.nn.functional as F


def im2col(x, kernel_size, stride=1, padding=0):
    """Copy every kernel-sized window of x into a column.

    Args:
        x:           (N, C, H, W) input images.
        kernel_size: int, or a pair (KH, KW).
        stride:      int, the step between windows (height and width).
        padding:     int, zeros added on every side of H and W.

    Returns:
        (N, C·KH·KW, L) with L = H_out·W_out and H_out = (H + 2·padding − KH) // stride + 1
        (W_out alike). Entry [n, c·KH·KW + a·KW + b, i·W_out + j] is
        x_padded[n, c, i·stride + a, j·stride + b]. Same dtype and device as x.

    Example (N = 1, C = 2, 3×3 input, 2×2 kernel: four windows, 2·2·2 = 8 rows):
        >>> x = torch.arange(1.0, 19.0).reshape(1, 2, 3, 3)      # channel 1 holds 10 … 18
        >>> im2col(x, 2)
        tensor([[[ 1.,  2.,  4.,  5.],
                 [ 2.,  3.,  5.,  6.],
                 [ 4.,  5.,  7.,  8.],
                 [ 5.,  6.,  8.,  9.],
                 [10., 11., 13., 14.],
                 [11., 12., 14., 15.],
                 [13., 14., 16., 17.],
                 [14., 15., 17., 18.]]])
        >>> im2col(x, 2, stride=2, padding=1).shape       # a 5×5 padded input: 2×2 windows
        torch.Size([1, 8, 4])
    """
    raise NotImplementedError


def conv2d_im2col(x, weight, bias=None, stride=1, padding=0):
    """2-D convolution (cross-correlation) as im2col followed by one matrix product.

    Args:
        x:       (N, C, H, W) input images.
        weight:  (F, C, KH, KW) filters.
        bias:    (F,) or None.
        stride:  int.
        padding: int.

    Returns:
        (N, F, H_out, W_out), equal to F.conv2d(x, weight, bias, stride, padding).

    Shapes on the way: im2col gives (N, C·KH·KW, L); the weight viewed as (F, C·KH·KW) times that
    gives (N, F, L); add the bias and reshape L back into (H_out, W_out).

    Example:
        >>> x = torch.arange(1.0, 19.0).reshape(1, 2, 3, 3)
        >>> conv2d_im2col(x, torch.tensor([[[[1.0, 2.0], [0.0, -1.0]], [[0.0, 1.0], [1.0, 0.0]]]]), torch.tensor([0.5]))
        tensor([[[[24.5000, 28.5000],
                  [36.5000, 40.5000]]]])
    """
    raise NotImplementedError
