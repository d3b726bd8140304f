"""Model solution: batch normalisation over (N,) or (N, H, W), per channel, as F.batch_norm."""
import torch


def batch_norm(x, gamma, beta, running_mean, running_var, training, momentum=0.1, eps=1e-5):
    # Statistics per channel (dim 1): pool the batch and, for images, every pixel position.
    dims = [0] + list(range(2, x.dim()))
    shape = [1, -1] + [1] * (x.dim() - 2)      # (C,) -> broadcastable against x
    if training:
        mean = x.mean(dim=dims)
        var = ((x - mean.reshape(shape)) ** 2).mean(dim=dims)   # biased: divide by n
        n = x.numel() // x.shape[1]
        # The running variance estimates the population variance: unbiased, n/(n − 1).
        new_mean = (1 - momentum) * running_mean + momentum * mean.detach()
        new_var = (1 - momentum) * running_var + momentum * var.detach() * n / (n - 1)
    else:
        mean, var = running_mean, running_var
        new_mean, new_var = running_mean, running_var
    x_hat = (x - mean.reshape(shape)) / torch.sqrt(var.reshape(shape) + eps)
    return gamma.reshape(shape) * x_hat + beta.reshape(shape), new_mean, new_var
