"""Wrong variant: softmax − onehot without the 1/N of the batch mean."""
import torch


def cross_entropy_backward(logits, target):
    grad = torch.softmax(logits, dim=1)
    grad[torch.arange(logits.shape[0], device=logits.device), target] -= 1
    return grad
