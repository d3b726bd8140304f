"""Wrong variant: the per-example losses are summed over the batch."""
import torch


def cross_entropy(logits, target):
    m = logits.amax(dim=1, keepdim=True)
    log_probs = logits - m - torch.log(torch.exp(logits - m).sum(dim=1, keepdim=True))
    rows = torch.arange(logits.shape[0], device=logits.device)
    return -log_probs[rows, target].sum()
