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

    Example (N = C = F = 1, stride 1, no padding, dout all ones). dw[a, b] sums, over the four
    windows, dout times the input under weight[a, b], so dw = [[12, 16], [24, 28]]:
        >>> x = torch.tensor([[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]]])
        >>> weight = torch.tensor([[[[1.0, 2.0], [3.0, 4.0]]]])
        >>> dx, dw, db = conv2d_backward(torch.ones(1, 1, 2, 2), x, weight)
        >>> dx
        tensor([[[[ 1.,  3.,  2.],
                  [ 4., 10.,  6.],
                  [ 3.,  7.,  4.]]]])
        >>> dw
        tensor([[[[12., 16.],
                  [24., 28.]]]])
        >>> db
        tensor([4.])

    A batch of two images (x and 2·x): both send gradient to the same filter.
        >>> conv2d_backward(torch.ones(2, 1, 2, 2), torch.cat([x, 2 * x]), weight)[1]
        tensor([[[[36., 48.],
                  [72., 84.]]]])

    padding = 1: the output is 4×4, and every input pixel sat under each of the 4 weights once.
        >>> conv2d_backward(torch.ones(1, 1, 4, 4), x, weight, padding=1)[0]
        tensor([[[[10., 10., 10.],
                  [10., 10., 10.],
                  [10., 10., 10.]]]])
    """
    raise NotImplementedError
