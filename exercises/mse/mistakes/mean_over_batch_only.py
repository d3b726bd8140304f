"""Wrong variant: summed over everything, divided by the batch size only."""
import torch


def mse_loss(pred, target):
    return ((pred - target) ** 2).sum() / pred.shape[0]
