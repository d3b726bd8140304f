"""Wrong variant: a hand-written softmax with no max subtraction (inf / inf = NaN)."""
import torch


def cross_entropy_backward(logits, target):
    n = logits.shape[0]
    e = torch.exp(logits)
    grad = e / e.sum(dim=1, keepdim=True)
    grad[torch.arange(n, device=logits.device), target] -= 1
    return grad / n
