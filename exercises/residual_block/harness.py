"""Runs in the sandbox with the learner's module (and in the grader with the oracle or a wrong
variant as `ns`): build a block, report its state_dict's shapes, or load the grader's state_dict
into it and run it in training or evaluation mode. Returns plain data only."""
import torch
import torch.nn as nn


def _build(ns, in_channels, out_channels, stride) -> nn.Module:
    block = ns.basic_block(in_channels, out_channels, stride)
    if isinstance(block, type) and issubclass(block, nn.Module):
        raise TypeError(f"basic_block() returned the class {block.__name__} itself, not a module: "
                        f"return {block.__name__}(…) — an instance")
    if not isinstance(block, nn.Module):
        raise TypeError(f"basic_block() should return an nn.Module, but it returned {type(block).__name__}")
    return block


def state_shapes(ns, in_channels, out_channels, stride) -> dict:
    """{state_dict key: its shape as a list} of a freshly built block."""
    block = _build(ns, in_channels, out_channels, stride)
    return {key: list(value.shape) for key, value in block.state_dict().items()}


def _loaded(ns, in_channels, out_channels, stride, state, x) -> nn.Module:
    block = _build(ns, in_channels, out_channels, stride).to(dtype=x.dtype, device=x.device)
    ours = block.state_dict()
    missing = [k for k in state if k not in ours]
    extra = [k for k in ours if k not in state]
    if missing or extra:
        parts = []
        if missing:
            parts.append("missing " + ", ".join(missing))
        if extra:
            parts.append("not in BasicBlock: " + ", ".join(extra))
        raise KeyError("BasicBlock's state_dict does not load into your block: " + "; ".join(parts))
    block.load_state_dict({k: v.to(x.device) for k, v in state.items()})
    return block


def forward(ns, in_channels, out_channels, stride, state, x, train):
    """The block's output for x, after loading `state`, in training (batch statistics) or evaluation mode."""
    block = _loaded(ns, in_channels, out_channels, stride, state, x)
    block.train(train)
    return block(x)


def buffers_after_training_step(ns, in_channels, out_channels, stride, state, x) -> dict:
    """The running statistics after one forward pass in training mode."""
    block = _loaded(ns, in_channels, out_channels, stride, state, x)
    block.train()
    with torch.no_grad():
        block(x)
    return {k: v.detach().clone() for k, v in block.state_dict().items() if "running" in k}
