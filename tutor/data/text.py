"""The text the character-level RNN demo learns: a few KB of short fables shipped with the package."""
from __future__ import annotations

from pathlib import Path

FABLES = Path(__file__).with_name("fables.txt")


def load_text(path: Path | str | None = None) -> str:
    """The shipped fables (or another UTF-8 text file)."""
    return Path(path or FABLES).read_text(encoding="utf-8")
