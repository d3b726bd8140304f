"""The shipped lessons follow the house rules and correct the source article."""
from __future__ import annotations

import ast
import re

import pytest

from tutor.content import load_catalog

CATALOG = load_catalog()
LESSONS = {lesson.id: lesson for lesson in CATALOG.lessons}
REQUIRED = ["intro", "activation-functions", "loss-functions", "gradient-descent", "convnets", "recurrent-nets",
            "vaes", "gans", "attention-mechanism", "cifar10-classifier", "frontiers"]
FENCE = re.compile(r"```.*?```", re.S)
INLINE = re.compile(r"`[^`\n]*`")


def prose(text: str) -> str:
    return INLINE.sub("", FENCE.sub("", text))


def test_the_whole_curriculum_is_there_in_order():
    assert [l.id for l in CATALOG.lessons][:11] == REQUIRED
    assert [l.order for l in CATALOG.lessons][:11] == list(range(1, 12))
    later = [l.order for l in CATALOG.lessons][11:]        # the second half of the course (lessons 12–15)
    assert later == sorted(set(later)) and all(12 <= order <= 15 for order in later)


@pytest.mark.parametrize("lesson_id", REQUIRED)
def test_lesson_house_rules(lesson_id):
    lesson = LESSONS[lesson_id]
    text = lesson.path.read_text()
    assert "$" not in prose(text), "raw $ math (or a stray $) outside code"
    assert "\\frac" not in text and "\\sum" not in text, "LaTeX left in the lesson"
    words = len(text.split())
    low = 1400 if lesson_id == "frontiers" else 1500
    assert low <= words <= 4200, f"{words} words"
    assert "**Common confusion" in text
    for section in lesson.sections:
        assert len(section.body.split()) <= 750, f"section {section.title!r} is too long to render instantly"
    assert lesson.quiz_path is not None and len(CATALOG.quiz(lesson)) >= (6 if lesson_id == "frontiers" else 8)


@pytest.mark.parametrize("lesson_id", REQUIRED)
def test_python_blocks_are_valid_python(lesson_id):
    text = LESSONS[lesson_id].path.read_text()
    for block in re.findall(r"```python\n(.*?)```", text, re.S):
        ast.parse(block)


def test_lesson_10_names_the_real_cifar10_classes():
    text = LESSONS["cifar10-classifier"].path.read_text()
    classes = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
    for name in classes:
        assert name in text
    assert "6×14×14" in text or "6 × 14 × 14" in text or "6x14x14" in text


@pytest.mark.parametrize("lesson_id,needle", [
    ("convnets", "6×14×14"),
    ("recurrent-nets", "tanh"),
    ("vaes", "q_φ(z|x)"),
    ("gans", "log(1 − D(G(z)))"),
    ("attention-mechanism", "softmax"),
    ("cifar10-classifier", "two"),
])
def test_article_errors_are_corrected_in_an_explicit_box(lesson_id, needle):
    text = LESSONS[lesson_id].path.read_text()
    boxes = [b for b in re.split(r"\n\s*\n", text) if "**The article says" in b]
    assert boxes, "no 'The article says / Actually' box"
    assert any("**Actually" in b for b in boxes)
    assert needle in text
