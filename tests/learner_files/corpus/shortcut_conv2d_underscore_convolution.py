# exercise: conv2d
# expect: fail
# stage: forbidden
# torch._convolution, the private entry point.
import torch


def conv2d(x, weight, bias=None, stride=1, padding=0):
    return torch._convolution(x, weight, bias, [stride, stride], [padding, padding], [1, 1], False, [0, 0], 1,
                              False, False, True, True)
