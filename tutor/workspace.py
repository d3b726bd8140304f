"""The learner's files: $DLTUTOR_HOME/workspace/<id>.py, created from the starter on first open.

The starter is `exercise.starter`: starter.zh.py for an exercise from the Chinese catalog (when that
file is whole), starter.py otherwise. The code is the same in both; only the docstrings and comments
(the instructions the learner reads) differ, so a learner may switch language with the file half done.
"""
from __future__ import annotations

import os
import shutil
import time
import uuid
from pathlib import Path

from tutor import paths
from tutor.content import Exercise


def workspace_file(exercise_id: str) -> Path:
    return paths.workspace_dir() / f"{exercise_id}.py"


def _starter_copy(exercise: Exercise, folder: Path) -> Path:
    """A complete copy of the starter under a fresh temporary name in `folder` (same file system)."""
    partial = folder / f".{exercise.id}-{os.getpid()}-{uuid.uuid4().hex[:8]}.partial"
    with open(exercise.starter, "rb") as source, open(partial, "xb") as out:
        shutil.copyfileobj(source, out)
    return partial


def ensure_workspace_file(exercise: Exercise) -> Path:
    """The learner's file for this exercise; copied from the starter only if it does not exist."""
    target = workspace_file(exercise.id)
    if target.exists():
        return target
    # Copy under a temporary name, then link it into place: a crash never leaves half a starter,
    # and link() fails rather than replace a file another process created meanwhile.
    partial = _starter_copy(exercise, target.parent)
    try:
        os.link(partial, target)
    except FileExistsError:
        pass
    except OSError:  # a file system without hard links
        if not target.exists():
            partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def reset_workspace_file(exercise: Exercise) -> tuple[Path, Path | None]:
    """Restore the starter; the old file is kept as a timestamped backup. Returns (file, backup)."""
    target = workspace_file(exercise.id)
    if not target.exists():
        return ensure_workspace_file(exercise), None
    backups = paths.workspace_dir() / "backups"
    backups.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    backup = backups / f"{exercise.id}-{stamp}.py"
    counter = 1
    while True:
        try:
            # "x" mode: two resets in the same second (or two processes) never share a name.
            with open(backup, "xb") as out, open(target, "rb") as old:
                shutil.copyfileobj(old, out)
            break
        except FileExistsError:
            backup = backups / f"{exercise.id}-{stamp}-{counter}.py"
            counter += 1
    shutil.copystat(target, backup)
    # The starter replaces the file in one rename: there is never a moment without it.
    _starter_copy(exercise, target.parent).replace(target)
    return target, backup
