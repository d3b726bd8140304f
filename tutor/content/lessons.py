"""Lessons: `lessons/NN-slug.md` with front matter, split into `## ` sections."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tutor.content.errors import ContentError, key_line
from tutor.content.frontmatter import split_front_matter

LESSON_FILE = re.compile(r"^(\d\d)-[a-z0-9-]+\.md$")
LESSON_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DEMOS = ("cnn", "gan", "vae", "rnn", "attention", "gd", "deep", "gpt", "diffusion")

# A fenced code block opens with 3+ backticks or tildes (indented at most 3 spaces) and closes
# with a run of the same character at least as long, with nothing after it (CommonMark).
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")


@dataclass(frozen=True)
class Section:
    title: str
    body: str          # Markdown, including its own heading
    line: int          # where it starts in the file


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    order: int
    path: Path
    sections: tuple[Section, ...]
    exercises: tuple[str, ...] = ()
    demo: str | None = None
    summary: str = ""
    quiz_path: Path | None = field(default=None, compare=False)
    exercises_line: int = field(default=1, compare=False)   # where `exercises = [...]` is written
    lang: str = "en"             # the language of title, summary and sections ("zh": from lessons/zh/)
    fallback_en: bool = False    # Chinese was asked for but this lesson is shown in English (untranslated)

    @property
    def word_count(self) -> int:
        return sum(len(s.body.split()) for s in self.sections)


def _fence_change(line: str, open_fence: str | None) -> tuple[str | None, bool]:
    """(the fence open after this line, whether this line is a fence line)."""
    match = _FENCE.match(line)
    if not match:
        return open_fence, False
    run, rest = match.groups()
    if open_fence is None:
        if run[0] == "`" and "`" in rest:
            return None, False            # ``` followed by more backticks is inline code, not a fence
        return run, True
    if run[0] == open_fence[0] and len(run) >= len(open_fence) and not rest.strip():
        return None, True
    return open_fence, False              # a shorter or different fence inside a block is just text


def split_sections(body: str, title: str, first_line: int) -> tuple[Section, ...]:
    """Cut the body at each `## ` heading that is not inside a fenced code block."""
    sections: list[Section] = []
    current: list[str] = []
    current_title, start = title, first_line
    fence: str | None = None
    for offset, line in enumerate(body.splitlines()):
        was_in_fence = fence is not None
        fence, _ = _fence_change(line, fence)
        if not was_in_fence and line.startswith("## "):
            if "".join(current).strip():
                sections.append(Section(current_title, "\n".join(current).strip() + "\n", start))
            current_title, current, start = line[3:].strip().rstrip("#").strip(), [line], first_line + offset
        else:
            current.append(line)
    if "".join(current).strip():
        sections.append(Section(current_title, "\n".join(current).strip() + "\n", start))
    return tuple(sections)


def unclosed_fence(body: str, first_line: int) -> int | None:
    """The file line of a code fence that is never closed (it would swallow every later section)."""
    fence: str | None = None
    opened = None
    for offset, line in enumerate(body.splitlines()):
        before = fence
        fence, is_fence = _fence_change(line, fence)
        if is_fence and before is None:
            opened = first_line + offset
    return opened if fence is not None else None


def _require(path: Path, header: dict, text: str, key: str, kind: type) -> Any:
    if key not in header:
        raise ContentError(path, f"front matter is missing the field '{key}'", line=1)
    value = header[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ContentError(path, f"front-matter field '{key}' must be {kind.__name__}, got {value!r}",
                           line=key_line(text, key) or 1)
    return value


def load_lesson(path: Path) -> Lesson:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(path, f"not UTF-8 text ({exc.reason})") from None
    header, body, body_line = split_front_matter(path, text)
    header_text = "\n".join(text.splitlines()[:body_line - 1])   # keys are looked up here only
    lesson_id = _require(path, header, header_text, "id", str)
    if not LESSON_ID.match(lesson_id):
        raise ContentError(path, f"lesson id {lesson_id!r} must be lowercase letters, digits and hyphens",
                           line=key_line(header_text, "id"))
    title = _require(path, header, header_text, "title", str)
    order = _require(path, header, header_text, "order", int)
    number = LESSON_FILE.match(path.name)
    if number and int(number.group(1)) != order:
        raise ContentError(path, f"order = {order} does not match the file's number {number.group(1)}",
                           line=key_line(header_text, "order"))
    exercises = header.get("exercises", [])
    exercises_line = key_line(header_text, "exercises") or 1
    if not isinstance(exercises, list) or not all(isinstance(e, str) for e in exercises):
        raise ContentError(path, "front-matter field 'exercises' must be a list of exercise ids", line=exercises_line)
    if len(set(exercises)) != len(exercises):
        raise ContentError(path, "front-matter field 'exercises' lists an exercise twice", line=exercises_line)
    demo = header.get("demo")
    if demo is not None and demo not in DEMOS:
        raise ContentError(path, f"unknown demo {demo!r}; choose one of {', '.join(DEMOS)}",
                           line=key_line(header_text, "demo") or 1)
    summary = header.get("summary", "")
    if not isinstance(summary, str):
        raise ContentError(path, "front-matter field 'summary' must be a string", line=key_line(header_text, "summary"))
    fence_line = unclosed_fence(body, body_line)
    if fence_line is not None:
        raise ContentError(path, "this code fence is never closed", line=fence_line)
    sections = split_sections(body, title, body_line)
    if not sections:
        raise ContentError(path, "the lesson has no text after its front matter")
    quiz = path.with_name(path.name[:-3] + ".quiz.toml")
    return Lesson(id=lesson_id, title=title, order=order, path=path, sections=sections,
                  exercises=tuple(exercises), demo=demo, summary=summary,
                  quiz_path=quiz if quiz.exists() else None, exercises_line=exercises_line)


def load_lessons(folder: Path) -> list[Lesson]:
    lessons = [load_lesson(p) for p in sorted(folder.glob("*.md")) if LESSON_FILE.match(p.name)]
    seen: dict[str, Path] = {}
    for lesson in lessons:
        if lesson.id in seen:
            raise ContentError(lesson.path, f"lesson id {lesson.id!r} is already used by {seen[lesson.id].name}", line=1)
        seen[lesson.id] = lesson.path
    return sorted(lessons, key=lambda l: (l.order, l.id))
