"""A pickle of the quickly-loaded catalog, so the app's first frame does not wait for parsing.

The key is the content root plus the size and modification time of every file under lessons/
and exercises/ (and this package's version): any edit, added or removed file makes a new key,
and a stale, unreadable or foreign cache is simply rebuilt. The cache lives in the learner's own
$DLTUTOR_HOME/cache.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from tutor import __version__, paths


def content_key(root: Path) -> str:
    digest = hashlib.sha256(f"{__version__}|3|{root.resolve()}".encode())  # 3: Mistake.hint
    for folder in ("lessons", "exercises"):
        for directory, subdirs, files in os.walk(root / folder):
            subdirs[:] = sorted(d for d in subdirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith(".pyc"):
                    continue
                stat = os.stat(os.path.join(directory, name))
                digest.update(f"{directory}/{name}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:32]


def cached(root: Path, build):
    """build() once per content state; later calls read the pickle."""
    try:
        key = content_key(root)
        target = paths.home() / "cache" / f"catalog-{key}.pickle"
    except OSError:
        return build()
    try:
        with open(target, "rb") as handle:
            return pickle.load(handle)
    except Exception:  # missing, stale format, truncated: rebuild
        pass
    catalog = build()
    if catalog.errors:
        return catalog  # never cache a broken course: the learner is likely fixing it
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        for old in target.parent.glob("catalog-*.pickle"):
            old.unlink(missing_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.partial")
        with open(partial, "wb") as handle:
            pickle.dump(catalog, handle, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(target)
    except OSError:
        pass
    return catalog
