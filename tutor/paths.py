"""Where content and per-user state live.

Content (lessons/, exercises/) is read from the checkout in an editable install and from
tutor/_bundled/ in a built wheel. State (progress database, workspace, data, cache) lives under
$DLTUTOR_HOME, or the platform's user-data folder when it is unset.
"""
from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def content_root() -> Path:
    """The folder that holds lessons/ and exercises/."""
    override = os.environ.get("DLTUTOR_CONTENT")
    if override:
        return Path(override).expanduser()
    bundled = _PACKAGE / "_bundled"
    if (bundled / "lessons").is_dir():
        return bundled
    return _PACKAGE.parent


def lessons_dir() -> Path:
    return content_root() / "lessons"


def exercises_dir() -> Path:
    return content_root() / "exercises"


def home() -> Path:
    """$DLTUTOR_HOME, or the platform's user-data folder."""
    configured = os.environ.get("DLTUTOR_HOME")
    if configured:
        path = Path(configured).expanduser()
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir("dltutor", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def workspace_dir() -> Path:
    path = home() / "workspace"
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_path() -> Path:
    return home() / "progress.sqlite3"


def data_dir() -> Path:
    """Where datasets are looked for and downloaded (CIFAR-10 lives in data/cifar-10-batches-py)."""
    path = home() / "data"
    path.mkdir(parents=True, exist_ok=True)
    return path
