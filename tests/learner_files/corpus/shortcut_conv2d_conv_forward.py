# exercise: conv2d
# expect: fail
# stage: forbidden
# nn.Conv2d's own forward helper, called on a bare module.
import torch


def conv2d(x, weight, bias=None, stride=1, padding=0):
    Conv = torch.nn.modules.conv.Conv2d
    module = Conv.__new__(Conv)
    torch.nn.Module.__init__(module)
    module.stride, module.padding, module.dilation, module.groups = (stride, stride), (padding, padding), (1, 1), 1
    module.padding_mode = "zeros"
    return Conv._conv_forward(module, x, weight, bias)
