"""2-D convolution, written from scratch.

Write conv2d to compute exactly what torch.nn.functional.conv2d computes (groups=1,
dilation=1). You may use tensor indexing, slicing, arithmetic, torch.einsum / matmul and
torch.nn.functional.pad; F.conv2d, nn.Conv2d and unfold are off-limits.

Your function is differentiated: stay in torch, no .item(), .numpy() or .detach() on the way
(the gradients flowing back through it are checked too).
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

    Examples (N = C = F = 1; the kernel is not symmetric, so a flipped kernel would show):
        >>> x = torch.tensor([[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]]])
        >>> k = torch.tensor([[[[1.0, 2.0], [0.0, -1.0]]]])
        >>> conv2d(x, k)                  # out[0, 0, 0, 0] = 1·1 + 2·2 + 4·0 + 5·(−1)
        tensor([[[[0., 2.],
                  [6., 8.]]]])
        >>> conv2d(x, k, bias=torch.tensor([10.0]), stride=2, padding=1)
        tensor([[[[ 9.,  7.],
                  [11., 18.]]]])

    Two input channels (x twice, each with its own kernel); F = 1 output channel:
        >>> conv2d(torch.cat([x, x], dim=1), torch.cat([k, torch.ones(1, 1, 2, 2)], dim=1))
        tensor([[[[12., 18.],
                  [30., 36.]]]])
    """
    raise NotImplementedError
