"""The backward pass of a 2-D convolution, by hand.

The forward pass is out = conv2d(x, weight, bias, stride, padding), exactly as
torch.nn.functional.conv2d computes it (cross-correlation: the kernel is not flipped). Given dout,
the gradient of some loss with respect to out, return the gradients with respect to x, weight and
bias. Autograd (torch.autograd, .backward(), torch.func) and torch.nn.grad are off-limits, and so
is conv_transpose2d (it is dx). Indexing, slicing, einsum/matmul, F.pad, F.unfold/F.fold are fine.
"""
import torch


def conv2d_backward(dout, x, weight, stride=1, padding=0):
    """Gradients of out = conv2d(x, weight, bias, stride, padding).

    Args:
        dout:    (N, F, H_out, W_out) gradient of the loss with respect to out, where
                 H_out = (H + 2·padding − KH) // stride + 1 (and W_out alike).
        x:       (N, C, H, W) the layer's input.
        weight:  (F, C, KH, KW) the filters.
        stride, padding: ints, as in the forward pass.

    Returns:
        (dx, dw, db) with shapes (N, C, H, W), (F, C, KH, KW) and (F,), with x's dtype and device.
        Input rows or columns that no window reaches (a stride that does not divide evenly)
        get a gradient of exactly 0.

    Tiny example (N = C = F = 1, stride 1, no padding):
        x = [[1, 2, 3],      weight = [[1, 2],     dout = [[1, 1],
             [4, 5, 6],                [3, 4]]             [1, 1]]
             [7, 8, 9]]
        dw = [[12, 16], [24, 28]]     (dw[a, b] = Σ over windows of dout · the input under (a, b))
        dx = [[1, 3, 2], [4, 10, 6], [3, 7, 4]]      db = [4]
    """
    raise NotImplementedError
