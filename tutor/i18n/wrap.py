"""Wrapping prose for a terminal by cell width, for English and Chinese alike.

`textwrap` counts characters: a CJK character takes two terminal cells, so Chinese lines it fills
run to twice the width. Here a line is measured with rich's `cell_len`, Chinese may break between
any two characters (there are no spaces to break at), Latin words and inline code never break, a
character cluster (a letter and its combining marks, an emoji sequence) is never split, and
closing punctuation never starts a line nor opening punctuation ends one (the usual kinsoku rule).
"""
from __future__ import annotations

import unicodedata

from rich.cells import cell_len

# Never at the start of a line: they stay with the character before them.
CLOSING = set("，。、；：！？）」』》】〕〉”’…—,.;:!?)]}%")
# Never at the end of a line: they stay with the character after them.
OPENING = set("（「『《【〔〈“‘([{")
ZERO_WIDTH_JOINER = "\u200d"


def _joins_previous(char: str, previous: str) -> bool:
    """Whether `char` belongs to the same cluster as the text before it."""
    code = ord(char)
    return (unicodedata.combining(char) != 0 or char == ZERO_WIDTH_JOINER or previous.endswith(ZERO_WIDTH_JOINER)
            or 0xFE00 <= code <= 0xFE0F or 0x1F3FB <= code <= 0x1F3FF          # variation selectors, skin tones
            or unicodedata.category(char) in ("Mn", "Me", "Mc"))


def clusters(text: str) -> list[str]:
    """`text` cut into character clusters (what a reader sees as one character)."""
    out: list[str] = []
    for char in text:
        if out and _joins_previous(char, out[-1]):
            out[-1] += char
        else:
            out.append(char)
    return out


def _wide(cluster: str) -> bool:
    return unicodedata.east_asian_width(cluster[0]) in ("W", "F")


def _words(text: str) -> list[tuple[str, bool]]:
    """The units a line may break between, each with whether a space came before it."""
    units: list[tuple[str, bool]] = []
    spaced, word = False, ""
    for cluster in clusters(text):
        if cluster.isspace():
            if word:
                units.append((word, spaced))
                word = ""
            spaced = True
            continue
        if _wide(cluster) and cluster not in CLOSING and cluster not in OPENING:
            if word:
                units.append((word, spaced))
                spaced, word = False, ""
            units.append((cluster, spaced))
            spaced = False
            continue
        if word and _wide(word[-1]) and word[-1] not in OPENING:
            units.append((word, spaced))
            spaced, word = False, ""
        word += cluster
    if word:
        units.append((word, spaced))
    # Kinsoku: glue closing punctuation to the unit before it, opening punctuation to the unit after.
    glued: list[tuple[str, bool]] = []
    for unit, space in units:
        if glued and not space and (unit[0] in CLOSING or glued[-1][0][-1] in OPENING):
            glued[-1] = (glued[-1][0] + unit, glued[-1][1])
        else:
            glued.append((unit, space))
    return glued


def wrap(text: str, width: int, subsequent_indent: str = "") -> list[str]:
    """`text` as lines of at most `width` cells (a unit wider than that gets a line of its own)."""
    lines: list[str] = []
    line = ""
    for unit, space in _words(text):
        if not line:
            line = (subsequent_indent if lines else "") + unit
            continue
        candidate = line + (" " if space else "") + unit
        if cell_len(candidate) <= width:
            line = candidate
        else:
            lines.append(line)
            line = subsequent_indent + unit
    if line:
        lines.append(line)
    return lines


def fill(text: str, width: int, subsequent_indent: str = "") -> str:
    return "\n".join(wrap(text, width, subsequent_indent))


# -- teaching rich and Textual where Chinese may break --------------------------------------------
# Both wrap at whitespace only (rich._wrap.re_word, textual._wrap.re_chunk): a Chinese sentence has
# none, so it moves to the next line whole, or is chopped at the cell limit. Their word patterns
# are swapped for one where each CJK character is a word of its own (closing punctuation glued
# after it, opening punctuation before it); runs of anything else stay words as before.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
_OPEN = "（「『《【〔〈“‘"
_CLOSE = "，。、；：！？）」』》】〕〉”’…—"
_MARKS = "\u0300-\u036f\u200d\ufe00-\ufe0f"
_UNIT = (f"[{_OPEN}]*(?:[{_CJK}][{_MARKS}]*|[^\\s{_CJK}{_OPEN}{_CLOSE}]+)[{_CLOSE}]*"
         f"|[{_OPEN}{_CLOSE}]+")


def install_cjk_line_breaks(in_textual: bool = False) -> None:
    """Let rich (the CLI; with `in_textual`, the app too) break Chinese between characters. English
    wraps exactly as before: a run without CJK characters is still one word."""
    import re

    import rich._wrap

    rich._wrap.re_word = re.compile(f"\\s*(?:{_UNIT})\\s*")
    if not in_textual:
        return
    import textual._wrap

    textual._wrap.re_chunk = re.compile(f"(?:{_UNIT})\\s*|\\s+")
