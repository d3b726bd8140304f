# exercise: conv2d
# expect: fail
# stage: forbidden
# nn.Conv2d built through torch.nn.modules.conv, loaded with the given weights.
import torch


def conv2d(x, weight, bias=None, stride=1, padding=0):
    f, c, kh, kw = weight.shape
    layer = torch.nn.modules.conv.Conv2d(c, f, (kh, kw), stride=stride, padding=padding, bias=bias is not None)
    layer = layer.to(dtype=x.dtype, device=x.device)
    with torch.no_grad():
        layer.weight.copy_(weight)
        if bias is not None:
            layer.bias.copy_(bias)
    return torch.func.functional_call(layer, {"weight": weight, **({"bias": bias} if bias is not None else {})}, (x,))
