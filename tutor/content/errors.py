"""Errors in shipped or edited content, always naming the file (and line where known)."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path


class ContentError(Exception):
    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else str(self.path)
        super().__init__(f"{where}: {message}")


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$|\s*\(at end of document\)$")


def toml_error(path: Path, exc: tomllib.TOMLDecodeError, what: str, text: str, first_line: int = 1) -> ContentError:
    """A ContentError for a TOML syntax error, with the line counted in the whole file.

    tomllib only gained `lineno` in Python 3.14; before that the position is only in the
    message ("... (at line 2, column 5)"), relative to the TOML text it was given. `first_line`
    is the file line where that text starts (2 for a front-matter block after its `+++`).
    An error "at end of document" (an unclosed string or table) points at the text's last line.
    """
    message = str(exc.args[0]) if exc.args else str(exc)
    match = _TOML_POSITION.search(message)
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "colno", None)
    if match:
        message = message[:match.start()]
        if match.group(1) and line is None:
            line, column = int(match.group(1)), int(match.group(2))
        elif line is None:
            line = max(1, len(text.splitlines()))
    if line is None:
        return ContentError(path, f"{what}: {message}")
    file_line = line + first_line - 1
    where = f" (column {column})" if column else ""
    return ContentError(path, f"{what}: {message}{where}", line=file_line)


def key_line(text: str, key: str) -> int | None:
    """The line where `key = ...` (or the table header `[key]`) is written, for messages."""
    pattern = re.compile(rf"^\s*(?:{re.escape(key)}\s*=|\[\s*{re.escape(key)}\s*\])")
    for number, line in enumerate(text.splitlines(), 1):
        if pattern.match(line):
            return number
    return None
