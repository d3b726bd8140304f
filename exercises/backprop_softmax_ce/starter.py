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

    Examples:
        >>> cross_entropy_backward(torch.tensor([[0.0, 0.0, 0.0], [1.0, 0.0, 0.0]]), torch.tensor([2, 0]))
        tensor([[ 0.1667,  0.1667, -0.3333],
                [-0.2119,  0.1060,  0.1060]])
        >>> cross_entropy_backward(torch.tensor([[1000.0, 0.0]]), torch.tensor([1]))    # large logits
        tensor([[ 1., -1.]])
    """
    raise NotImplementedError
