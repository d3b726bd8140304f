"""The backward pass of 2-D max pooling, by hand.

The forward pass is out = max_pool2d(x, kernel_size, stride) as torch.nn.functional.max_pool2d
computes it (square windows, no padding, stride None means stride = kernel_size). Given dout, the
gradient of some loss with respect to out, return the gradient with respect to x. Autograd
(torch.autograd, .backward(), torch.func) and F.max_pool2d itself (its return_indices=True would
hand you the winners) are off-limits; indexing, slicing, max/argmax, comparisons and arithmetic
are fine.
"""
import torch


def max_pool2d_backward(dout, x, kernel_size, stride=None):
    """Gradient of max pooling with respect to its input.

    Args:
        dout:        (N, C, H_out, W_out), H_out = (H − K) // stride + 1 (and W_out alike).
        x:           (N, C, H, W) the input of the forward pass.
        kernel_size: int K (K×K windows).
        stride:      int, or None for stride = K.

    Returns:
        dx: (N, C, H, W), x's dtype and device. Each window sends its dout to ONE element: the
        window's maximum; when several elements tie for the maximum, the first in row-major order
        (top row first, left to right). An element that wins several overlapping windows gets the
        sum of their gradients; an element that wins none gets 0.

    Example (K = 2, stride left out so it is 2):
        >>> x = torch.tensor([[[[1.0, 2.0, 5.0, 6.0], [3.0, 4.0, 7.0, 8.0],
        ...                     [9.0, 1.0, 2.0, 0.0], [3.0, 2.0, 1.0, 4.0]]]])
        >>> max_pool2d_backward(torch.tensor([[[[10.0, 20.0], [30.0, 40.0]]]]), x, 2)
        tensor([[[[ 0.,  0.,  0.,  0.],
                  [ 0., 10.,  0., 20.],
                  [30.,  0.,  0.,  0.],
                  [ 0.,  0.,  0., 40.]]]])

    Overlapping windows (K = 2, stride 1): the 5 is the maximum of all four windows.
        >>> max_pool2d_backward(torch.ones(1, 1, 2, 2), torch.tensor([[[[1.0, 0.0, 0.0], [0.0, 5.0, 0.0], [0.0, 0.0, 2.0]]]]), 2, 1)
        tensor([[[[0., 0., 0.],
                  [0., 4., 0.],
                  [0., 0., 0.]]]])

    A window of ties (all zeros, as after a ReLU): only the first element gets the gradient.
        >>> max_pool2d_backward(torch.ones(1, 1, 1, 1), torch.zeros(1, 1, 2, 2), 2)
        tensor([[[[1., 0.],
                  [0., 0.]]]])
    """
    raise NotImplementedError
