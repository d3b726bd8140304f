"""Model solution: square the difference and average over every element."""


def mse_loss(pred, target):
    return ((pred - target) ** 2).mean()
