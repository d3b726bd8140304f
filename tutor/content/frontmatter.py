"""Split a `+++` TOML front-matter block from a Markdown body."""
from __future__ import annotations

import tomllib
from pathlib import Path

from tutor.content.errors import ContentError, toml_error

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
    header_text = "\n".join(lines[1:end])
    try:
        header = tomllib.loads(header_text)
    except tomllib.TOMLDecodeError as exc:
        # The header starts on line 2 of the file; report the file's line, not the header's.
        raise toml_error(path, exc, "front matter is not valid TOML", header_text, first_line=2) from None
    return header, "\n".join(lines[end + 1:]), end + 2

