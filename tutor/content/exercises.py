"""Exercises: `exercises/<id>/exercise.toml` plus starter, solution, mistakes and checks."""
from __future__ import annotations

import ast
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from tutor.content.errors import ContentError


@dataclass(frozen=True)
class Mistake:
    id: str
    title: str
    explanation: str
    path: Path          # the wrong variant, a complete learner file


@dataclass(frozen=True)
class Exercise:
    id: str
    title: str
    lesson: str
    folder: Path
    functions: tuple[str, ...]
    hints: tuple[str, ...]
    forbidden: tuple[str, ...] = ()
    timeout: float = 10.0
    differentiable: bool = False
    order: int = 0
    mistakes: dict[str, Mistake] = field(default_factory=dict)

    @property
    def starter(self) -> Path:
        return self.folder / "starter.py"

    @property
    def solution(self) -> Path:
        return self.folder / "solution.py"

    @property
    def checks(self) -> Path:
        return self.folder / "checks.py"


def _line_of(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip().startswith(key):
            return number
    return None


def defined_functions(path: Path) -> set[str]:
    """Top-level function names in a Python file (without importing it)."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except SyntaxError as exc:
        raise ContentError(path, f"syntax error: {exc.msg}", line=exc.lineno) from None
    return {node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}


def load_exercise(folder: Path) -> Exercise:
    manifest = folder / "exercise.toml"
    if not manifest.exists():
        raise ContentError(folder, "exercise folder has no exercise.toml")
    text = manifest.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(manifest, f"not valid TOML: {exc}", line=getattr(exc, "lineno", None)) from None

    def need(key: str, kind: type) -> object:
        if key not in data:
            raise ContentError(manifest, f"missing the field '{key}'")
        if not isinstance(data[key], kind):
            raise ContentError(manifest, f"field '{key}' must be {kind.__name__}", line=_line_of(text, key))
        return data[key]

    exercise_id = need("id", str)
    if exercise_id != folder.name:
        raise ContentError(manifest, f"id {exercise_id!r} does not match its folder name {folder.name!r}",
                           line=_line_of(text, "id"))
    functions = need("functions", list)
    hints = need("hints", list)
    if len(hints) < 3:
        raise ContentError(manifest, f"needs at least 3 progressive hints, has {len(hints)}", line=_line_of(text, "hints"))
    mistakes: dict[str, Mistake] = {}
    for mistake_id, entry in data.get("mistakes", {}).items():
        if not isinstance(entry, dict) or "explanation" not in entry:
            raise ContentError(manifest, f"mistake {mistake_id!r} needs an explanation",
                               line=_line_of(text, f"[mistakes.{mistake_id}]"))
        variant = folder / "mistakes" / f"{mistake_id}.py"
        if not variant.exists():
            raise ContentError(manifest, f"mistake {mistake_id!r} has no variant file mistakes/{mistake_id}.py",
                               line=_line_of(text, f"[mistakes.{mistake_id}]"))
        mistakes[mistake_id] = Mistake(mistake_id, entry.get("title", mistake_id.replace("_", " ")),
                                       entry["explanation"].strip(), variant)
    exercise = Exercise(
        id=exercise_id, title=need("title", str), lesson=need("lesson", str), folder=folder,
        functions=tuple(functions), hints=tuple(h.strip() for h in hints),
        forbidden=tuple(data.get("forbidden", [])), timeout=float(data.get("timeout", 10)),
        differentiable=bool(data.get("differentiable", False)), order=int(data.get("order", 0)),
        mistakes=mistakes,
    )
    for name in ("starter.py", "solution.py", "checks.py"):
        if not (folder / name).exists():
            raise ContentError(folder / name, "missing (every exercise needs starter.py, solution.py and checks.py)")
    for name in ("starter.py", "solution.py"):
        missing = set(exercise.functions) - defined_functions(folder / name)
        if missing:
            raise ContentError(folder / name, f"does not define {', '.join(sorted(missing))}, which exercise.toml lists")
    return exercise


def load_exercises(folder: Path) -> dict[str, Exercise]:
    exercises = {}
    if folder.is_dir():
        for child in sorted(folder.iterdir()):
            if child.is_dir() and (child / "exercise.toml").exists():
                exercise = load_exercise(child)
                exercises[exercise.id] = exercise
    return exercises
