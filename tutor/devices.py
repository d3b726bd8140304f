"""Which torch device a grade or a demo runs on ('auto', 'cpu' or 'cuda'), decided in one place."""
from __future__ import annotations


def resolve_device(name: str) -> str:
    """'auto' is CUDA when available; asking for CUDA without one is a clear ValueError."""
    import torch

    from tutor.i18n.catalog import _

    if name == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if name not in ("cpu", "cuda"):
        raise ValueError(_("unknown device {name}; choose auto, cpu or cuda").format(name=repr(name)))
    if name == "cuda" and not torch.cuda.is_available():
        why = (_("--device cuda: no CUDA device is available (this torch {version} was built with CUDA); use --device "
                 "cpu or --device auto") if torch.backends.cuda.is_built() else
               _("--device cuda: no CUDA device is available (this torch {version} was built without CUDA); use "
                 "--device cpu or --device auto"))
        raise ValueError(why.format(version=torch.__version__))
    return name
