"""Draw a demo's picture events in the terminal with half-block characters.

Each character cell shows two pixels stacked: "▀" with the foreground colour set to the upper
pixel and the background colour to the lower one. Returns rich Text, so both the CLI (rich)
and the TUI (a Static widget) can show it; no textual, no numpy.
"""
from __future__ import annotations

import textwrap
from functools import lru_cache

from rich.color import Color
from rich.style import Style
from rich.text import Text

from tutor.demos.events import tile_pixels

UPPER_HALF = "▀"
GAP = " "
LABEL_LINES = 2


@lru_cache(maxsize=4096)
def _style(upper: tuple[int, int, int], lower: tuple[int, int, int] | None) -> Style:
    return Style(color=Color.from_rgb(*upper), bgcolor=Color.from_rgb(*lower) if lower else None)


def _scaled(rows: list[list[tuple[int, int, int]]], scale: int) -> list[list[tuple[int, int, int]]]:
    if scale == 1:
        return rows
    return [[pixel for pixel in row for _ in range(scale)] for row in rows for _ in range(scale)]


def tile_lines(image: dict, scale: int = 1) -> list[Text]:
    """One tile (a picture event's image) as lines of half blocks, ceil(height·scale / 2) of them."""
    rows = _scaled(tile_pixels(image), max(1, int(scale)))
    lines = []
    for top in range(0, len(rows), 2):
        upper = rows[top]
        lower = rows[top + 1] if top + 1 < len(rows) else None
        line = Text(no_wrap=True, overflow="crop")
        for x, pixel in enumerate(upper):
            line.append(UPPER_HALF, _style(pixel, lower[x] if lower else None))
        lines.append(line)
    return lines


def _label_lines(label: str, width: int) -> list[str]:
    lines = [wrapped for part in label.split("\n") for wrapped in (textwrap.wrap(part, width=max(1, width)) or [""])]
    if len(lines) > LABEL_LINES:
        lines = lines[:LABEL_LINES]
        lines[-1] = lines[-1][:max(0, width - 1)] + "…"
    return [line.ljust(width) for line in lines]


def render_picture(event: dict, max_width: int | None = 100, scale: int | None = None,
                   caption: bool = True) -> Text:
    """A picture event as Text: the caption, then the tiles left to right (wrapping at
    max_width columns), each with its label underneath."""
    scale = max(1, int(event.get("scale", 1) if scale is None else scale))
    tiles = []
    for image in event.get("images", []):
        lines = tile_lines(image, scale)
        width = int(image["width"]) * scale
        labels = _label_lines(str(image.get("label", "")), width) if image.get("label") else []
        tiles.append((width, lines, labels))

    out = Text(no_wrap=True, overflow="crop")
    if caption and event.get("caption"):
        out.append(str(event["caption"]), style="bold")
        out.append("\n")
    # Pack the tiles into rows that fit max_width.
    rows: list[list[tuple[int, list[Text], list[str]]]] = []
    used = 0
    for tile in tiles:
        need = tile[0] + (len(GAP) if rows and rows[-1] else 0)
        if not rows or (max_width is not None and used + need > max_width and rows[-1]):
            rows.append([])
            used = 0
            need = tile[0]
        rows[-1].append(tile)
        used += need
    for r, row in enumerate(rows):
        height = max(len(lines) for _, lines, _ in row)
        label_height = max(len(labels) for _, _, labels in row)
        for y in range(height + label_height):
            for i, (width, lines, labels) in enumerate(row):
                if i:
                    out.append(GAP)
                if y < height:
                    out.append_text(lines[y]) if y < len(lines) else out.append(" " * width)
                else:
                    k = y - height
                    out.append(labels[k] if k < len(labels) else " " * width, style="dim")
            if r < len(rows) - 1 or y < height + label_height - 1:
                out.append("\n")
    return out
