# exercise: backprop_softmax_ce
# expect: pass
# A loss object that owns `softmax` (an attribute) and `backward` (a method).
import torch


class SoftmaxCrossEntropy:
    def __init__(self):
        self.softmax = None

    def forward(self, logits, target):
        shifted = logits - logits.max(dim=1, keepdim=True).values
        e = torch.exp(shifted)
        self.softmax = e / e.sum(dim=1, keepdim=True)
        self.target = target
        rows = torch.arange(logits.shape[0])
        return -torch.log(self.softmax[rows, target]).mean()

    def backward(self):
        grad = self.softmax.clone()
        rows = torch.arange(grad.shape[0])
        grad[rows, self.target] -= 1
        return grad / grad.shape[0]


def cross_entropy_backward(logits, target):
    loss = SoftmaxCrossEntropy()
    loss.forward(logits, target)
    return loss.backward()
