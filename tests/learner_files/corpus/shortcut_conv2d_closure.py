# exercise: conv2d
# expect: fail
# stage: forbidden
# Digging the original out of a guard's closure.
import torch.nn.functional as F


def conv2d(x, weight, bias=None, stride=1, padding=0):
    real = F.conv2d
    for cell in (getattr(F.conv2d, "__closure__", None) or ()):
        if callable(cell.cell_contents):
            real = cell.cell_contents
    for value in (getattr(F.conv2d, "__defaults__", None) or ()):
        if callable(value):
            real = value
    for value in (getattr(F.conv2d, "__kwdefaults__", None) or {}).values():
        if callable(value):
            real = value
    return real(x, weight, bias, stride=stride, padding=padding)
