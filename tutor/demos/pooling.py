"""2×2 max pooling with stride 2: the function of `F.max_pool2d(x, 2, 2)`, faster on a CPU.

Why it exists: PyTorch's CPU `max_pool2d` kernel spends several nanoseconds on each input
element (it loops window by window and writes an int64 index for every output); in the cnn
demo's fast recipe it took 15–19 % of a training step, more than ReLU, the linear layers and
the optimiser together. Here the four corners of every window are four strided views of the
input, and the maxima are three whole-tensor `torch.maximum` calls.

It is the same function, gradients included:
- values: `torch.maximum` is exact and propagates NaN, as max_pool2d does;
- gradient: max_pool2d sends a window's gradient to the first maximum in row-major order
  (top-left, top-right, bottom-left, bottom-right) when several are equal — frequent in flat
  regions of an image, where neighbouring conv outputs are bit-for-bit equal. The index kept
  here makes the same choice (each pair is decided by a strict `>`, so the earlier one wins a
  tie), and the backward pass is PyTorch's own `max_pool2d_with_indices_backward` with it;
- odd heights or widths lose their last row or column, as in max_pool2d's floor mode.
Only where a window holds a NaN may the gradient go to a different element of that window
(the value is NaN either way). Any memory format works (NCHW or channels_last).
"""
from __future__ import annotations

from functools import lru_cache

import torch
import torch.nn.functional as F
from torch.autograd.function import once_differentiable

_KERNEL, _STRIDE, _PADDING, _DILATION = [2, 2], [2, 2], [0, 0], [1, 1]


@lru_cache(maxsize=16)  # one entry per (plane size, device): the Net pools two sizes
def _top_left_indices(out_h: int, out_w: int, width: int, device: torch.device) -> torch.Tensor:
    """(out_h, out_w) int64: the flat index (row × width + column) in an input plane of every
    window's top-left element — max_pool2d's index format."""
    rows = torch.arange(out_h, device=device).mul_(2 * width).unsqueeze(1)
    return rows + torch.arange(out_w, device=device).mul_(2)


class _MaxPool2x2(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x: torch.Tensor) -> torch.Tensor:
        height, width = x.shape[-2:]
        even = x[..., : height // 2 * 2, : width // 2 * 2]
        top_left, top_right = even[..., 0::2, 0::2], even[..., 0::2, 1::2]
        bottom_left, bottom_right = even[..., 1::2, 0::2], even[..., 1::2, 1::2]
        top = torch.maximum(top_left, top_right)
        bottom = torch.maximum(bottom_left, bottom_right)
        pooled = torch.maximum(top, bottom)
        if ctx.needs_input_grad[0]:
            # where max_pool2d's index points: the top pair unless the bottom one is strictly larger,
            # and in that pair the left element unless the right one is strictly larger
            down = bottom > top
            right_top, right_bottom = top_right > top_left, bottom_right > bottom_left
            right = right_top ^ (down & (right_top ^ right_bottom))
            # the offset within the window (0, 1, width or width + 1) in the narrowest integer that
            # holds it: int64 arithmetic (and torch.where on int64) costs several times more
            small = torch.uint8 if width < 255 else torch.int32
            offset = right.to(small) + down.to(small) * width
            index = _top_left_indices(height // 2, width // 2, width, x.device) + offset
            ctx.save_for_backward(x, index)
        return pooled

    @staticmethod
    @once_differentiable
    def backward(ctx, grad_pooled: torch.Tensor) -> torch.Tensor:
        x, index = ctx.saved_tensors
        return torch.ops.aten.max_pool2d_with_indices_backward(
            grad_pooled, x, _KERNEL, _STRIDE, _PADDING, _DILATION, False, index)


def max_pool_2x2(x: torch.Tensor) -> torch.Tensor:
    """`F.max_pool2d(x, 2, 2)` for a (N, C, H, W) or (C, H, W) tensor: same values, same gradients."""
    if x.dim() not in (3, 4) or min(x.shape[-2:]) < 2:
        return F.max_pool2d(x, 2, 2)  # nothing to pool: max_pool2d's own error message
    return _MaxPool2x2.apply(x)
