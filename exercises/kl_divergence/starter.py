"""KL divergence, written from scratch.

Write kl_divergence(p, q) = the mean over the batch of Σ_c p·log(p/q), with 0·log 0 = 0.
It equals torch.nn.functional.kl_div(q.log(), p, reduction="batchmean"); F.kl_div, nn.KLDivLoss
and torch.distributions' kl_divergence are off-limits.

Your function is differentiated: stay in torch, no .item(), .numpy() or .detach() on the way
(the gradients flowing back through it are checked too).
"""
import torch


def kl_divergence(p, q):
    """KL(p‖q) for each row, averaged over the rows.

    Args:
        p: (N, C) probabilities; each row sums to 1. Entries may be exactly 0.
        q: (N, C) probabilities; each row sums to 1, all entries > 0.

    Returns:
        A 0-dimensional tensor (a scalar) with p's dtype and device:
        (1/N) · Σ_n Σ_c p[n, c] · log(p[n, c] / q[n, c]), where a term with p[n, c] = 0 counts as 0.

    Examples (the second row of the batch, p = [1, 0] against q = [0.5, 0.5], has a zero in p and
    a KL of log 2):
        >>> kl_divergence(torch.tensor([[0.5, 0.5]]), torch.tensor([[0.9, 0.1]]))
        tensor(0.5108)
        >>> kl_divergence(torch.tensor([[0.5, 0.5], [1.0, 0.0]]), torch.tensor([[0.9, 0.1], [0.5, 0.5]]))
        tensor(0.6020)
    """
    raise NotImplementedError
