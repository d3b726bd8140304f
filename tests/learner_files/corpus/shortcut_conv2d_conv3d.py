# exercise: conv2d
# expect: fail
# stage: forbidden
# F.conv3d with a depth of 1 computes the same thing.
import torch.nn.functional as F


def conv2d(x, weight, bias=None, stride=1, padding=0):
    out = F.conv3d(x.unsqueeze(2), weight.unsqueeze(2), bias, stride=(1, stride, stride), padding=(0, padding, padding))
    return out.squeeze(2)
