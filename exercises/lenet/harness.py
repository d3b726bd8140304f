"""Runs in the sandbox with the learner's module (or, in the grader, the oracle / a wrong variant)
as its first argument. Returns plain data only: strings, lists of ints, tensors."""
import traceback

import torch
import torch.nn as nn


def _build(ns) -> nn.Module:
    net = ns.build_net()
    if isinstance(net, type) and issubclass(net, nn.Module):
        raise TypeError(f"build_net() returned the class {net.__name__} itself, not a network: "
                        f"return {net.__name__}() — with the parentheses")
    if not isinstance(net, nn.Module):
        raise TypeError(f"build_net() should return an nn.Module (an instance of your Net class), "
                        f"but it returned {type(net).__name__}")
    return net


def module_kind(ns) -> str:
    """'nn.Module' when build_net() returns a network instance (the checks explain anything else)."""
    return "nn.Module" if isinstance(_build(ns), nn.Module) else "?"


def layer_shapes(ns) -> list:
    """The shape of every parameter, in the order the network registers them."""
    return [list(p.shape) for p in _build(ns).parameters()]


def _where(exc: BaseException, ns) -> str:
    learner_file = getattr(ns, "__file__", None)
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == learner_file]
    return f" (line {frames[-1].lineno}: {frames[-1].line.strip()})" if frames and frames[-1].line else ""


def forward(ns, weights: list, x: torch.Tensor):
    """Load the given weights into the learner's network — matched by shape, every shape in the
    article's Net is different — and run it on x. On a mismatch or an error inside forward, return
    ["error", kind, message, shapes] so that the grader can explain (and recognise) it."""
    net = _build(ns).to(dtype=x.dtype, device=x.device)
    params = list(net.parameters())
    shapes = [list(p.shape) for p in params]
    by_shape = {tuple(w.shape): w for w in weights}
    if len(params) != len(weights) or any(tuple(p.shape) not in by_shape for p in params):
        return ["error", "shapes", "the article's weights do not fit your layers", shapes]
    with torch.no_grad():
        for p in params:
            p.copy_(by_shape[tuple(p.shape)])
    net.eval()
    try:
        with torch.no_grad():
            return net(x)
    except Exception as exc:  # noqa: BLE001 - reported to the learner with their line
        return ["error", "exception", f"{type(exc).__name__}{_where(exc, ns)}: {exc}", shapes]
