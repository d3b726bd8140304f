"""Which torch device a grade or a demo runs on ('auto', 'cpu' or 'cuda'), decided in one place."""
from __future__ import annotations


def resolve_device(name: str) -> str:
    """'auto' is CUDA when available; asking for CUDA without one is a clear ValueError."""
    import torch

    if name == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if name not in ("cpu", "cuda"):
        raise ValueError(f"unknown device {name!r}; choose auto, cpu or cuda")
    if name == "cuda" and not torch.cuda.is_available():
        built = "with" if torch.backends.cuda.is_built() else "without"
        raise ValueError(f"--device cuda: no CUDA device is available (this torch {torch.__version__} "
                         f"was built {built} CUDA); use --device cpu or --device auto")
    return name
