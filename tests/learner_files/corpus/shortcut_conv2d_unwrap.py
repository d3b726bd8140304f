# exercise: conv2d
# expect: fail
# stage: forbidden
# inspect.unwrap and __wrapped__ of a guard.
import inspect
import torch.nn.functional as F


def conv2d(x, weight, bias=None, stride=1, padding=0):
    real = getattr(F.conv2d, "__wrapped__", None) or inspect.unwrap(F.conv2d)
    return real(x, weight, bias, stride=stride, padding=padding)
