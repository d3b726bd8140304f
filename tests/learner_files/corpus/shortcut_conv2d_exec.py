# exercise: conv2d
# expect: fail
# stage: forbidden
# exec of code that calls the forbidden op.
import torch


def conv2d(x, weight, bias=None, stride=1, padding=0):
    scope = {"x": x, "w": weight, "b": bias, "s": stride, "p": padding}
    exec("import torch.nn.functional as G\nout = G.conv2d(x, w, b, stride=s, padding=p)", scope)
    return scope["out"]
