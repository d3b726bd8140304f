# exercise: backprop_linear
# expect: pass
# A CS231n-style layer object with its own forward and backward methods: the name `backward`
# belongs to the learner here, so calling layer.backward(...) is no use of Tensor.backward.
import torch


class Linear:
    def __init__(self, w):
        self.w = w
        self.cache = None

    def forward(self, x):
        self.cache = x
        return x @ self.w.T

    def backward(self, dout):
        x = self.cache
        dx = dout @ self.w
        dw = dout.T @ x
        db = dout.sum(dim=0)
        return dx, dw, db


def linear_backward(dout, x, w):
    layer = Linear(w)
    layer.forward(x)
    return layer.backward(dout)
