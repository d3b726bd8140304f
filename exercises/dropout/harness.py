"""Runs in the sandbox with the learner's module (and in the grader with the oracle or a wrong
variant as `ns`). Dropout is random, so nothing here compares anything: each function returns
raw draws — the output and the gradient of its sum — and the grader computes the statistics in
its own process (checks.py). The grader's own copies of x, p and training ride along in the
oracle's reply; the learner's copies are ignored."""
import torch


def _draw(ns, x, kwargs):
    leaf = x.detach().clone().requires_grad_(True)
    out = ns.dropout(leaf, **kwargs)
    grad = None
    if isinstance(out, torch.Tensor) and out.shape == leaf.shape and out.requires_grad:
        # d(sum(out))/dx: for inverted dropout, the mask divided by (1 − p).
        (grad,) = torch.autograd.grad(out.sum(), leaf, allow_unused=True)
    return out, grad


def draw(ns, x, p, training):
    out, grad = _draw(ns, x, {"p": p, "training": training})
    return {"x": x, "p": p, "training": training, "out": out, "grad": grad}


def draw_defaults(ns, x):
    """dropout(x) with p and training left at their defaults (0.5 and True)."""
    out, grad = _draw(ns, x, {})
    return {"x": x, "p": 0.5, "training": True, "out": out, "grad": grad}


def two_draws(ns, x, p):
    """Two calls on the same input: the masks must be drawn afresh each time."""
    first, _ = _draw(ns, x, {"p": p, "training": True})
    second, _ = _draw(ns, x, {"p": p, "training": True})
    return {"x": x, "p": p, "training": True, "out": first, "second": second}
