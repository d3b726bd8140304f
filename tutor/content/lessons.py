"""Lessons: `lessons/NN-slug.md` with front matter, split into `## ` sections."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tutor.content.errors import ContentError
from tutor.content.frontmatter import split_front_matter

LESSON_FILE = re.compile(r"^(\d\d)-[a-z0-9-]+\.md$")
DEMOS = ("cnn", "gan", "vae", "rnn", "attention", "gd")


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

    @property
    def word_count(self) -> int:
        return sum(len(s.body.split()) for s in self.sections)


def split_sections(body: str, title: str, first_line: int) -> tuple[Section, ...]:
    """Cut the body at each `## ` heading that is not inside a fenced code block."""
    sections: list[Section] = []
    current: list[str] = []
    current_title, start = title, first_line
    in_fence = False
    for offset, line in enumerate(body.splitlines()):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if not in_fence and line.startswith("## "):
            if "".join(current).strip():
                sections.append(Section(current_title, "\n".join(current).strip() + "\n", start))
            current_title, current, start = line[3:].strip(), [line], first_line + offset
        else:
            current.append(line)
    if "".join(current).strip():
        sections.append(Section(current_title, "\n".join(current).strip() + "\n", start))
    return tuple(sections)


def _require(path: Path, header: dict, key: str, kind: type) -> object:
    if key not in header:
        raise ContentError(path, f"front matter is missing the field '{key}'", line=1)
    value = header[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ContentError(path, f"front-matter field '{key}' must be {kind.__name__}, got {value!r}", line=1)
    return value


def load_lesson(path: Path) -> Lesson:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(path, f"not UTF-8 text ({exc.reason})") from None
    header, body, body_line = split_front_matter(path, text)
    lesson_id = _require(path, header, "id", str)
    title = _require(path, header, "title", str)
    order = _require(path, header, "order", int)
    exercises = header.get("exercises", [])
    if not isinstance(exercises, list) or not all(isinstance(e, str) for e in exercises):
        raise ContentError(path, "front-matter field 'exercises' must be a list of exercise ids", line=1)
    demo = header.get("demo")
    if demo is not None and demo not in DEMOS:
        raise ContentError(path, f"unknown demo {demo!r}; choose one of {', '.join(DEMOS)}", line=1)
    sections = split_sections(body, title, body_line)
    if not sections:
        raise ContentError(path, "the lesson has no text after its front matter")
    quiz = path.with_name(path.name[:-3] + ".quiz.toml")
    return Lesson(id=lesson_id, title=title, order=order, path=path, sections=sections,
                  exercises=tuple(exercises), demo=demo, summary=str(header.get("summary", "")),
                  quiz_path=quiz if quiz.exists() else None)


def load_lessons(folder: Path) -> list[Lesson]:
    lessons = [load_lesson(p) for p in sorted(folder.glob("*.md")) if LESSON_FILE.match(p.name)]
    seen: dict[str, Path] = {}
    for lesson in lessons:
        if lesson.id in seen:
            raise ContentError(lesson.path, f"lesson id {lesson.id!r} is already used by {seen[lesson.id].name}", line=1)
        seen[lesson.id] = lesson.path
    return sorted(lessons, key=lambda l: (l.order, l.id))
