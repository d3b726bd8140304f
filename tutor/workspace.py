"""The learner's files: $DLTUTOR_HOME/workspace/<id>.py, created from the starter on first open."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

from tutor import paths
from tutor.content import Exercise


def workspace_file(exercise_id: str) -> Path:
    return paths.workspace_dir() / f"{exercise_id}.py"


def ensure_workspace_file(exercise: Exercise) -> Path:
    """The learner's file for this exercise; copied from the starter only if it does not exist."""
    target = workspace_file(exercise.id)
    if not target.exists():
        # Copy to a temporary name and rename, so a crash never leaves half a starter behind.
        partial = target.with_suffix(".py.partial")
        shutil.copyfile(exercise.starter, partial)
        partial.replace(target)
    return target


def reset_workspace_file(exercise: Exercise) -> tuple[Path, Path | None]:
    """Restore the starter; the old file is kept as a timestamped backup. Returns (file, backup)."""
    target = workspace_file(exercise.id)
    backup = None
    if target.exists():
        backups = paths.workspace_dir() / "backups"
        backups.mkdir(exist_ok=True)
        backup = backups / f"{exercise.id}-{time.strftime('%Y%m%d-%H%M%S')}.py"
        counter = 1
        while backup.exists():
            backup = backups / f"{exercise.id}-{time.strftime('%Y%m%d-%H%M%S')}-{counter}.py"
            counter += 1
        shutil.copy2(target, backup)
        target.unlink()
    return ensure_workspace_file(exercise), backup
