"""Exercises: `exercises/<id>/exercise.toml` plus starter, solution, mistakes and checks."""
from __future__ import annotations

import ast
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tutor.content.errors import ContentError, key_line, toml_error

# The exercise.toml layout this code reads (`format = N` in a manifest; absent means 1). Raise it when a
# manifest change would be misread by an older dltutor, which then says so instead of misgrading.
MANIFEST_FORMAT = 1

EXERCISE_ID = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Mistake:
    id: str
    title: str
    explanation: str
    path: Path          # the wrong variant, a complete learner file
    hint: str | None = None   # shown first when the learner asks for a hint right after this mistake
    fallback_en: bool = False  # Chinese was asked for but this mistake's title and explanation are English


@dataclass(frozen=True)
class Note:
    """A weakness of code that is right, taught on a pass: a note check (checks.py, Check(note=id))
    that mismatches still passes and shows this title and explanation with its case."""
    id: str
    title: str
    explanation: str
    fallback_en: bool = False  # Chinese was asked for but this note's title and explanation are English


@dataclass(frozen=True)
class Exercise:
    id: str
    title: str
    lesson: str
    folder: Path
    functions: tuple[str, ...]
    hints: tuple[str, ...]
    forbidden: tuple[str, ...] = ()
    # aten operators (names as in torch.ops.aten, any overload) refused while the learner's code runs,
    # whatever path reaches them; "autograd" refuses any backward pass of the autograd engine.
    forbidden_ops: tuple[str, ...] = ()
    timeout: float = 10.0
    differentiable: bool = False
    order: int = 0
    mistakes: dict[str, Mistake] = field(default_factory=dict)
    notes: dict[str, Note] = field(default_factory=dict)
    lang: str = "en"                   # the language of title, hints, mistakes and starter
    fallback_en: bool = False          # Chinese was asked for but the title or hints are English
    starter_fallback_en: bool = False  # ... but the starter (and so the instructions) is English

    @property
    def starter(self) -> Path:
        """The starter the learner gets: starter.zh.py in Chinese (when it is whole), else starter.py."""
        if self.lang == "zh" and not self.starter_fallback_en:
            return self.folder / "starter.zh.py"
        return self.folder / "starter.py"

    @property
    def solution(self) -> Path:
        return self.folder / "solution.py"

    @property
    def checks(self) -> Path:
        return self.folder / "checks.py"


def _parse(path: Path) -> ast.Module:
    try:
        return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except SyntaxError as exc:
        raise ContentError(path, f"syntax error: {exc.msg}", line=exc.lineno) from None
    except UnicodeDecodeError as exc:
        raise ContentError(path, f"not UTF-8 text ({exc.reason})") from None


def defined_functions(path: Path) -> set[str]:
    """Top-level function (and class: micrograd's Value) names in a Python file (without importing it)."""
    return {node.name for node in _parse(path).body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}


def bound_names(path: Path) -> set[str]:
    """Top-level names a file binds by def, import or assignment: a mistake variant may reuse a
    correct function (`from solution import relu`, `relu = ...`) and only rewrite the wrong one."""
    names = set()
    for node in _parse(path).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def load_exercise(folder: Path, deep: bool = True) -> Exercise:
    """deep: also parse the Python files to check they define the listed functions (validate, tests)."""
    manifest = folder / "exercise.toml"
    if not manifest.exists():
        raise ContentError(folder, "exercise folder has no exercise.toml")
    try:
        text = manifest.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(manifest, f"not UTF-8 text ({exc.reason})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise toml_error(manifest, exc, "not valid TOML", text) from None

    def line(key: str) -> int | None:
        return key_line(text, key)

    def need(key: str, kind: type) -> Any:
        if key not in data:
            raise ContentError(manifest, f"missing the field '{key}'")
        if not isinstance(data[key], kind):
            raise ContentError(manifest, f"field '{key}' must be {kind.__name__}", line=line(key))
        return data[key]

    def strings(key: str, value: object, minimum: int = 0) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ContentError(manifest, f"field '{key}' must be a list of non-empty strings", line=line(key))
        if len(value) < minimum:
            raise ContentError(manifest, f"field '{key}' needs at least {minimum} entr{'y' if minimum == 1 else 'ies'}",
                               line=line(key))
        return tuple(v.strip() for v in value)

    manifest_format = data.get("format", 1)
    if not isinstance(manifest_format, int) or isinstance(manifest_format, bool) or manifest_format < 1:
        raise ContentError(manifest, f"field 'format' must be a positive whole number, got {manifest_format!r}",
                           line=line("format"))
    if manifest_format > MANIFEST_FORMAT:
        raise ContentError(manifest, f"written for manifest format {manifest_format}, but this dltutor reads format "
                           f"{MANIFEST_FORMAT} at most: update dltutor (pip install -U dltutor)", line=line("format"))
    exercise_id = need("id", str)
    if exercise_id != folder.name:
        raise ContentError(manifest, f"id {exercise_id!r} does not match its folder name {folder.name!r}",
                           line=line("id"))
    if not EXERCISE_ID.match(exercise_id):
        raise ContentError(manifest, f"id {exercise_id!r} must be lowercase letters, digits and underscores",
                           line=line("id"))
    title, lesson = need("title", str), need("lesson", str)
    functions = strings("functions", need("functions", list), minimum=1)
    for name in functions:
        if not name.isidentifier():
            raise ContentError(manifest, f"function name {name!r} is not a Python identifier", line=line("functions"))
    hints = need("hints", list)
    if len(hints) < 3:
        raise ContentError(manifest, f"needs at least 3 progressive hints, has {len(hints)}", line=line("hints"))
    hints = strings("hints", hints)
    forbidden = strings("forbidden", data.get("forbidden", []))
    forbidden_ops = strings("forbidden_ops", data.get("forbidden_ops", []))
    for key in ("timeout", "order"):
        if key in data and (not _is_number(data[key]) or data[key] < 0 or (key == "timeout" and data[key] == 0)):
            raise ContentError(manifest, f"field '{key}' must be a positive number, got {data[key]!r}", line=line(key))
    if "differentiable" in data and not isinstance(data["differentiable"], bool):
        raise ContentError(manifest, "field 'differentiable' must be true or false", line=line("differentiable"))

    raw_mistakes = data.get("mistakes", {})
    if not isinstance(raw_mistakes, dict):
        raise ContentError(manifest, "'mistakes' must be a table: [mistakes.<id>] with title and explanation",
                           line=line("mistakes"))
    mistakes: dict[str, Mistake] = {}
    for mistake_id, entry in raw_mistakes.items():
        where = line(f"mistakes.{mistake_id}") or line("mistakes")
        if not isinstance(entry, dict) or not isinstance(entry.get("explanation"), str) or not entry["explanation"].strip():
            raise ContentError(manifest, f"mistake {mistake_id!r} needs an explanation (a string)", line=where)
        if not isinstance(entry.get("title", ""), str):
            raise ContentError(manifest, f"mistake {mistake_id!r}: 'title' must be a string", line=where)
        hint = entry.get("hint")
        if hint is not None and (not isinstance(hint, str) or not hint.strip()):
            raise ContentError(manifest, f"mistake {mistake_id!r}: 'hint' must be a non-empty string", line=where)
        variant = folder / "mistakes" / f"{mistake_id}.py"
        if not variant.exists():
            raise ContentError(manifest, f"mistake {mistake_id!r} has no variant file mistakes/{mistake_id}.py",
                               line=where)
        mistakes[mistake_id] = Mistake(mistake_id, entry.get("title", mistake_id.replace("_", " ")),
                                       entry["explanation"].strip(), variant, hint.strip() if hint else None)
    raw_notes = data.get("notes", {})
    if not isinstance(raw_notes, dict):
        raise ContentError(manifest, "'notes' must be a table: [notes.<id>] with title and explanation",
                           line=line("notes"))
    notes: dict[str, Note] = {}
    for note_id, entry in raw_notes.items():
        where = line(f"notes.{note_id}") or line("notes")
        if not isinstance(entry, dict) or not isinstance(entry.get("explanation"), str) or not entry["explanation"].strip():
            raise ContentError(manifest, f"note {note_id!r} needs an explanation (a string)", line=where)
        note_title = entry.get("title")
        if not isinstance(note_title, str) or not note_title.strip():
            raise ContentError(manifest, f"note {note_id!r} needs a title (a string)", line=where)
        extra = sorted(set(entry) - {"title", "explanation"})
        if extra:
            raise ContentError(manifest, f"note {note_id!r}: unexpected {', '.join(extra)} (a note has a title and "
                               "an explanation)", line=where)
        notes[note_id] = Note(note_id, note_title.strip(), entry["explanation"].strip())
    exercise = Exercise(
        id=exercise_id, title=title, lesson=lesson, folder=folder,
        functions=functions, hints=hints, forbidden=forbidden, forbidden_ops=forbidden_ops, timeout=float(data.get("timeout", 10)),
        differentiable=data.get("differentiable", False), order=int(data.get("order", 0)),
        mistakes=mistakes, notes=notes,
    )
    for name in ("starter.py", "solution.py", "checks.py"):
        if not (folder / name).exists():
            raise ContentError(folder / name, "missing (every exercise needs starter.py, solution.py and checks.py)")
    if not deep:
        return exercise
    for path in (folder / "starter.py", folder / "solution.py"):
        missing = set(exercise.functions) - defined_functions(path)
        if missing:
            raise ContentError(path, f"does not define {', '.join(sorted(missing))}, which exercise.toml lists")
    for mistake in mistakes.values():
        missing = set(exercise.functions) - bound_names(mistake.path)
        if missing:
            raise ContentError(mistake.path, f"does not define {', '.join(sorted(missing))}, which exercise.toml "
                               "lists (a mistake variant is a complete learner file)")
    return exercise


def load_exercises(folder: Path) -> dict[str, Exercise]:
    exercises = {}
    if folder.is_dir():
        for child in sorted(folder.iterdir()):
            if child.is_dir() and (child / "exercise.toml").exists():
                exercise = load_exercise(child)
                exercises[exercise.id] = exercise
    return exercises
