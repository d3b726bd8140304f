"""Choosing the torch device and CPU threads for a demo."""
from __future__ import annotations

import torch

from tutor.demos.errors import DemoError
from tutor.demos.threads import cpu_count

__all__ = ["cpu_count", "describe", "resolve_device", "seed_everything"]


def resolve_device(name: str) -> torch.device:
    """'auto' is CUDA when available; asking for CUDA without one is a clear error."""
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if name == "cuda" and not torch.cuda.is_available():
        built = "with" if torch.backends.cuda.is_built() else "without"
        raise DemoError(f"--device cuda: no CUDA device is available (this torch {torch.__version__} "
                        f"was built {built} CUDA); use --device cpu or --device auto")
    if name not in ("cpu", "cuda"):
        raise DemoError(f"unknown device {name!r}; choose auto, cpu or cuda")
    return torch.device(name)


def describe(device: torch.device) -> str:
    if device.type == "cuda":
        return f"cuda ({torch.cuda.get_device_name(device)})"
    return "cpu"


def seed_everything(seed: int) -> None:
    torch.manual_seed(seed)
