"""The exercise's own Python files (checks, harness, named wrong variants): trusted course code,
imported in the grading process and cached by path and modification time."""
from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from tutor.content import Exercise

_module_cache: dict[tuple[str, float], ModuleType] = {}


def load_module(path: Path, name: str) -> ModuleType:
    key = (str(path), path.stat().st_mtime)
    if key not in _module_cache:
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None or spec.loader is None:
            raise ImportError(f"cannot load {path}")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        _module_cache[key] = module
    return _module_cache[key]


def exercise_checks(exercise: Exercise) -> ModuleType:
    return load_module(exercise.checks, f"dltutor_checks_{exercise.id}")


def exercise_harness(exercise: Exercise) -> ModuleType | None:
    path = exercise.folder / "harness.py"
    return load_module(path, f"dltutor_harness_{exercise.id}") if path.exists() else None


def variant_modules(exercise: Exercise) -> dict[str, ModuleType]:
    return {mid: load_module(m.path, f"dltutor_variant_{exercise.id}_{mid}") for mid, m in exercise.mistakes.items()}


def hidden_roots(exercise: Exercise) -> list[Path]:
    """What graded code must not read: the course's exercises (model solutions, checks, wrong
    variants) and lessons, and the tutor package itself (which may hold a bundled copy)."""
    import tutor

    exercises = exercise.folder.parent
    return [exercises, exercises.parent / "lessons", Path(tutor.__file__).resolve().parent]


def check_phrases(exercise: Exercise) -> tuple[list[str], list[str]]:
    """(the names of the exercise's checks, the templates its checks.py passes to `say`) — what
    exercises/<id>/zh.toml's [checks] and [messages] translate (tutor/content/check_phrases.py).
    A `say` whose first argument is not a string literal could never be translated: ValueError."""
    import ast

    names = [check.name for check in getattr(exercise_checks(exercise), "CHECKS", [])]
    templates: list[str] = []
    tree = ast.parse(exercise.checks.read_text(encoding="utf-8"), filename=str(exercise.checks))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "say":
            first = node.args[0] if node.args else None
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                raise ValueError(f"{exercise.checks}:{node.lineno}: say() needs a string literal first, "
                                 "so that it can be translated")
            templates.append(first.value)
    return names, list(dict.fromkeys(templates))


def phrase_problems(exercise: Exercise) -> list:
    """What exercises/<id>/zh.toml lacks (or keeps in vain) of the names and sentences of checks.py."""
    from tutor.content.translations import BROKEN, TranslationProblem, check_phrase_problems

    try:
        names, templates = check_phrases(exercise)
    except Exception as exc:  # noqa: BLE001 - a checks.py that cannot load is itself the problem to list
        return [TranslationProblem(exercise.checks, BROKEN, f"cannot read its check names: {exc}")]
    return check_phrase_problems(exercise.folder, names, templates)


def note_problems(exercise: Exercise) -> list:
    """A Check(note=…) naming no [notes.<id>] of exercise.toml, and a [notes.<id>] no check uses
    (reading the checks imports checks.py, hence here and not in the content engine)."""
    from tutor.content.errors import ContentError, key_line

    try:
        checks = getattr(exercise_checks(exercise), "CHECKS", [])
    except Exception as exc:  # noqa: BLE001 - a checks.py that cannot load is itself the problem to list
        return [ContentError(exercise.checks, f"cannot read its checks: {exc}")]
    used = {check.note: check.name for check in checks if getattr(check, "note", None)}
    manifest = exercise.folder / "exercise.toml"
    text = manifest.read_text(encoding="utf-8")
    source = exercise.checks.read_text(encoding="utf-8")
    problems = [ContentError(exercise.checks, f"check {name!r} has note {note!r}, but exercise.toml has no "
                             f"[notes.{note}]", line=next((n for n, line in enumerate(source.splitlines(), 1)
                                                          if note in line), None))
                for note, name in used.items() if note not in exercise.notes]
    problems += [ContentError(manifest, f"[notes.{note}] is used by no check (Check(..., note={note!r}) in checks.py)",
                              line=key_line(text, f"notes.{note}"))
                 for note in exercise.notes if note not in used]
    return problems
