"""Choosing the torch device and CPU threads for a demo."""
from __future__ import annotations

import torch

from tutor.demos.errors import DemoError
from tutor.demos.threads import cpu_count

__all__ = ["cpu_count", "describe", "resolve_device", "seed_everything"]


def resolve_device(name: str) -> torch.device:
    """tutor.devices.resolve_device as a torch.device; a bad choice is a DemoError."""
    from tutor import devices

    try:
        return torch.device(devices.resolve_device(name))
    except ValueError as exc:
        raise DemoError(str(exc)) from None


def describe(device: torch.device) -> str:
    if device.type == "cuda":
        return f"cuda ({torch.cuda.get_device_name(device)})"
    return "cpu"


def seed_everything(seed: int) -> None:
    torch.manual_seed(seed)
