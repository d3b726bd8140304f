# exercise: conv2d
# expect: fail
# stage: forbidden
# eval of code that calls the forbidden op.
import torch
import torch.nn.functional as F


def conv2d(x, weight, bias=None, stride=1, padding=0):
    return eval("F.con" + "v2d(x, weight, bias, stride=stride, padding=padding)")
