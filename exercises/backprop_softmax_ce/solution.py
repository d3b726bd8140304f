"""Model solution: (softmax − onehot) / N."""
import torch


def cross_entropy_backward(logits, target):
    n = logits.shape[0]
    grad = torch.softmax(logits, dim=1)        # ∂/∂z of log Σ e^z
    rows = torch.arange(n, device=logits.device)
    grad[rows, target] -= 1                    # ∂/∂z of −z_target (softmax returned a fresh tensor)
    return grad / n                            # the loss is a mean over the batch
