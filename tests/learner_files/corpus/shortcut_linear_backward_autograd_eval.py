# exercise: backprop_linear
# expect: fail
# stage: forbidden
# autograd, reached through eval so that no `.backward` or `autograd` appears in the file.
import torch


def linear_backward(dout, x, w):
    x = x.detach().requires_grad_()
    w = w.detach().requires_grad_()
    b = torch.zeros(w.shape[0], dtype=x.dtype, device=x.device, requires_grad=True)
    y = x @ w.T + b
    grads = eval("torch.auto" + "grad.grad")(y, (x, w, b), dout)
    return tuple(g.detach() for g in grads)
