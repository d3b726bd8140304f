# exercise: conv2d
# expect: fail
# stage: forbidden
# torch.ops.aten.convolution directly.
import torch


def conv2d(x, weight, bias=None, stride=1, padding=0):
    return torch.ops.aten.convolution(x, weight, bias, [stride, stride], [padding, padding], [1, 1], False, [0, 0], 1)
