"""Every lesson, in both languages, renders its emphasis: no `**` left as literal text.

CommonMark closes `**` after punctuation only when whitespace or punctuation follows, so
`**常见误区：**损失` shows its asterisks; the Chinese edition needs `**常见误区：** 损失`."""
from __future__ import annotations

import pathlib

import pytest
from markdown_it import MarkdownIt

LESSONS = pathlib.Path(__file__).resolve().parent.parent / "lessons"
FILES = sorted(LESSONS.glob("[0-9][0-9]-*.md")) + sorted((LESSONS / "zh").glob("[0-9][0-9]-*.md"))


def stray_markers(text: str) -> list[str]:
    found = []
    for token in MarkdownIt("commonmark").parse(text):
        for child in token.children or []:
            if child.type == "text" and "**" in child.content:
                found.append(child.content[:60])
    return found


def test_the_check_sees_a_glued_label():
    assert stray_markers("> **常见误区：**损失") and not stray_markers("> **常见误区：** 损失")


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_emphasis_renders(path):
    assert not stray_markers(path.read_text(encoding="utf-8"))
