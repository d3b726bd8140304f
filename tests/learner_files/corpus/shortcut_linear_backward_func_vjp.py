# exercise: backprop_linear
# expect: fail
# stage: forbidden
# torch.func.vjp under another name.
import torch
from torch import func as transforms


def linear_backward(dout, x, w):
    b = torch.zeros(w.shape[0], dtype=x.dtype, device=x.device)
    _, pullback = getattr(transforms, "v" + "jp")(lambda a, c, d: a @ c.T + d, x, w, b)
    return pullback(dout)
