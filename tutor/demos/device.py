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


def bf16_native(device: torch.device, cpuinfo: str = "/proc/cpuinfo") -> bool:
    """Whether `device` computes in bfloat16 in hardware. Elsewhere bf16 autocast still runs (oneDNN
    or CUDA emulate it) but slower than fp32: on an AVX2-only CPU about 5× slower (measured here)."""
    if device.type == "cuda":
        return torch.cuda.is_bf16_supported(including_emulation=False)
    try:
        with open(cpuinfo, encoding="utf-8", errors="replace") as handle:
            flags = next((line.split(":", 1)[1].split() for line in handle if line.startswith("flags")), [])
    except OSError:
        return False  # not Linux, or no /proc: say "emulated" rather than promise speed
    return "amx_bf16" in flags or "avx512_bf16" in flags


def seed_everything(seed: int) -> None:
    torch.manual_seed(seed)
