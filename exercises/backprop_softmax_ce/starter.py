"""The gradient of softmax cross-entropy, by hand.

The loss is F.cross_entropy(logits, target): the mean over the batch of −log softmax(logits)[target].
Return its gradient with respect to the logits. Autograd is off-limits (torch.autograd.grad,
.backward(), torch.func); torch.softmax is allowed.
"""
import torch


def cross_entropy_backward(logits, target):
    """∂ loss / ∂ logits for loss = mean over n of −log softmax(logits[n])[target[n]].

    Args:
        logits: (N, C) raw class scores.
        target: (N,) int64 class indices, each in [0, C).

    Returns:
        (N, C) tensor with logits' dtype and device: the gradient of the mean loss.

    Tiny example (N = 1, C = 3):
        logits = [[0.0, 0.0, 0.0]], target = [2]
        softmax = [1/3, 1/3, 1/3]  ->  gradient = [[0.3333, 0.3333, -0.6667]]
    """
    raise NotImplementedError
