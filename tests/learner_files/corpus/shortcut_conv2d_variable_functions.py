# exercise: conv2d
# expect: fail
# stage: forbidden
# torch._C._VariableFunctions, where torch.conv2d comes from.
import torch


def conv2d(x, weight, bias=None, stride=1, padding=0):
    return torch._C._VariableFunctions.conv2d(x, weight, bias, stride, padding)
