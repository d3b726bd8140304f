"""Mean squared error, written from scratch.

Write mse_loss to compute exactly what torch.nn.functional.mse_loss computes with its default
reduction='mean'. F.mse_loss and nn.MSELoss are off-limits.

Your function is differentiated: stay in torch, no .item(), .numpy() or .detach() on the way
(the gradients flowing back through it are checked too).
"""
import torch


def mse_loss(pred, target):
    """The mean of the squared differences between pred and target.

    Args:
        pred:   a tensor of any shape, e.g. (N,) or (N, D) predictions.
        target: a tensor of the same shape as pred.

    Returns:
        A 0-dimensional tensor (a scalar) with pred's dtype and device.

    Examples:
        >>> mse_loss(torch.tensor([1.0, 2.0, 3.0]), torch.tensor([1.0, 0.0, 0.0]))
        tensor(4.3333)
        >>> mse_loss(torch.tensor([[1.0, 2.0], [0.0, 0.0]]), torch.tensor([[1.0, 0.0], [0.0, 3.0]]))
        tensor(3.2500)
    """
    raise NotImplementedError
