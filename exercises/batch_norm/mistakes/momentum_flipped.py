"""Wrong variant: running = momentum·running + (1 − momentum)·batch (Keras's convention, not PyTorch's)."""
import torch


def batch_norm(x, gamma, beta, running_mean, running_var, training, momentum=0.1, eps=1e-5):
    dims = [0] + list(range(2, x.dim()))
    shape = [1, -1] + [1] * (x.dim() - 2)
    if training:
        mean = x.mean(dim=dims)
        var = x.var(dim=dims, unbiased=False)
        unbiased = x.var(dim=dims, unbiased=True)
        running_mean = momentum * running_mean + (1 - momentum) * mean
        running_var = momentum * running_var + (1 - momentum) * unbiased
    else:
        mean, var = running_mean, running_var
    out = (x - mean.reshape(shape)) / torch.sqrt(var.reshape(shape) + eps)
    return gamma.reshape(shape) * out + beta.reshape(shape), running_mean, running_var
