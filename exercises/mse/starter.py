"""Mean squared error, written from scratch.

Write mse_loss to compute exactly what torch.nn.functional.mse_loss computes with its default
reduction='mean'. F.mse_loss and nn.MSELoss are off-limits.
"""
import torch


def mse_loss(pred, target):
    """The mean of the squared differences between pred and target.

    Args:
        pred:   a tensor of any shape, e.g. (N,) or (N, D) predictions.
        target: a tensor of the same shape as pred.

    Returns:
        A 0-dimensional tensor (a scalar) with pred's dtype and device.

    Tiny example:
        pred = [1.0, 2.0, 3.0], target = [1.0, 0.0, 0.0]
        squared errors = [0, 4, 9]  ->  mse_loss = 13 / 3 = tensor(4.3333)
    """
    raise NotImplementedError
