"""Wrong variant: images reshaped to (−1, C) without moving C last first, so each "channel"
column mixes channels and pixels, and the statistics are taken over the wrong elements."""
import torch


def batch_norm(x, gamma, beta, running_mean, running_var, training, momentum=0.1, eps=1e-5):
    C = x.shape[1]
    flat = x.reshape(-1, C)            # fine for (N, C); scrambles (N, C, H, W)
    if training:
        mean = flat.mean(dim=0)
        var = flat.var(dim=0, unbiased=False)
        unbiased = flat.var(dim=0, unbiased=True)
        running_mean = (1 - momentum) * running_mean + momentum * mean
        running_var = (1 - momentum) * running_var + momentum * unbiased
    else:
        mean, var = running_mean, running_var
    out = gamma * (flat - mean) / torch.sqrt(var + eps) + beta
    return out.reshape(x.shape), running_mean, running_var
