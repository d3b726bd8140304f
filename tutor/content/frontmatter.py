"""Split a `+++` TOML front-matter block from a Markdown body."""
from __future__ import annotations

import tomllib
from pathlib import Path

from tutor.content.errors import ContentError

FENCE = "+++"


def split_front_matter(path: Path, text: str) -> tuple[dict, str, int]:
    """Return (header, body, line number where the body starts)."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != FENCE:
        raise ContentError(path, f"a lesson must start with a '{FENCE}' front-matter line", line=1)
    for end in range(1, len(lines)):
        if lines[end].strip() == FENCE:
            break
    else:
        raise ContentError(path, f"the front matter opened on line 1 is never closed with '{FENCE}'", line=1)
    try:
        header = tomllib.loads("\n".join(lines[1:end]))
    except tomllib.TOMLDecodeError as exc:
        # tomllib reports "(at line N, column M)" relative to the header; shift it to the file.
        line = getattr(exc, "lineno", None)
        raise ContentError(path, f"front matter is not valid TOML: {exc}",
                           line=(line + 1) if line else None) from None
    return header, "\n".join(lines[end + 1:]), end + 2
