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
