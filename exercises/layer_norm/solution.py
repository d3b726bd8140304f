"""Model solution: layer normalisation over the trailing normalized_shape dimensions."""
import torch


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    # Statistics per example (per position): over the last len(normalized_shape) dims only.
    dims = tuple(range(x.dim() - len(normalized_shape), x.dim()))
    mean = x.mean(dim=dims, keepdim=True)
    var = ((x - mean) ** 2).mean(dim=dims, keepdim=True)   # biased, as in batch norm's normalisation
    out = (x - mean) / torch.sqrt(var + eps)
    if weight is not None:
        out = out * weight      # weight and bias have normalized_shape: they broadcast from the right
    if bias is not None:
        out = out + bias
    return out
