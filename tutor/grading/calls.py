"""One call of an exercise function, as both sides of the grader run it.

The grading process runs the oracle and the named wrong variants with `execute`; the sandboxed
child runs the learner's function with the very same code, so a difference in results can only
come from the functions themselves. Nothing here touches learner code's output beyond running it.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch


def map_tensors(value: Any, fn: Callable[[torch.Tensor], Any]) -> Any:
    """`fn` applied to every tensor inside tuples, lists and dicts; other values as they are."""
    if isinstance(value, torch.Tensor):
        return fn(value)
    if isinstance(value, tuple):
        return tuple(map_tensors(v, fn) for v in value)
    if isinstance(value, list):
        return [map_tensors(v, fn) for v in value]
    if isinstance(value, dict):
        return {k: map_tensors(v, fn) for k, v in value.items()}
    return value


def to_device(value: Any, device: str | torch.device) -> Any:
    return map_tensors(value, lambda t: t.to(device))


def clone(value: Any) -> Any:
    """A copy no later in-place write can reach (and cut from any autograd graph)."""
    return map_tensors(value, lambda t: t.detach().clone())


def execute(namespace: Any, request: dict, harness: Any = None) -> tuple[Any, Any]:
    """Run one request against a namespace (learner module, oracle, or variant).

    Returns (output, grads): grads is None without `grad_wrt`, "disconnected" when an output that
    should carry gradients does not, else one gradient (or None) per requested input."""
    args = list(request.get("args", ()))
    kwargs = dict(request.get("kwargs", {}))
    wrt = request.get("grad_wrt") or ()
    leaves = []
    for key in wrt:
        source = args if isinstance(key, int) else kwargs
        tensor = source[key].detach().clone().requires_grad_(True)
        source[key] = tensor
        leaves.append(tensor)
    if request.get("harness"):
        fn = getattr(harness, request["fn"])
        out = fn(namespace, *args, **kwargs)
    else:
        out = getattr(namespace, request["fn"])(*args, **kwargs)
    if not wrt:
        return out, None
    grad_out = request["grad_out"]
    outputs = out if isinstance(out, (tuple, list)) else (out,)
    pairs = [(o, g) for o, g in zip(outputs, grad_out) if g is not None]
    if any(not isinstance(o, torch.Tensor) or o.shape != g.shape for o, g in pairs):
        return out, None  # the forward result is already wrong: the comparison will say how
    bad = [o for o, _ in pairs if not isinstance(o, torch.Tensor) or not o.requires_grad]
    if bad:
        return out, "disconnected"
    grads = torch.autograd.grad([o for o, _ in pairs], leaves, [g for _, g in pairs], allow_unused=True)
    return out, list(grads)
