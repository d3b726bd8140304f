"""A JSON copy of the quickly-loaded catalog, so the app's first frame does not wait for parsing.

The key is the language, the content root and the size and modification time of every file under
lessons/ (lessons/zh/ included) and exercises/ (zh.toml and starter.zh.py included), and this
package's version: any edit, added or removed file makes a new key, and a stale, unreadable or
foreign cache is simply rebuilt. Each language has its own file, so switching back and forth
rebuilds nothing. The cache lives in the learner's own $DLTUTOR_HOME/cache.

JSON, not pickle: loading it runs no code, whoever wrote the file. Only the catalog's own
dataclasses can come out of it (an allowlist), built field by field.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path

from tutor import __version__, paths

FORMAT = 6  # 2: Exercise.forbidden_ops; 3: JSON instead of pickle; 4: Mistake.hint; 5: languages; 6: Exercise.notes


def content_key(root: Path, lang: str = "en") -> str:
    digest = hashlib.sha256(f"{__version__}|{FORMAT}|{lang}|{root.resolve()}".encode())
    for folder in ("lessons", "exercises"):
        for directory, subdirs, files in os.walk(root / folder):
            subdirs[:] = sorted(d for d in subdirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith(".pyc"):
                    continue
                stat = os.stat(os.path.join(directory, name))
                digest.update(f"{directory}/{name}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:32]


def _types() -> dict[str, type]:
    from tutor.content.catalog import Catalog
    from tutor.content.exercises import Exercise, Mistake, Note
    from tutor.content.lessons import Lesson, Section
    from tutor.content.translations import TranslationProblem

    return {cls.__name__: cls for cls in (Catalog, Exercise, Mistake, Note, Lesson, Section, TranslationProblem)}


def _other_language(name: str, lang: str) -> bool:
    from tutor.i18n.lang import LANGUAGES

    return any(name.startswith(f"catalog-{other}-") for other in LANGUAGES if other != lang)


def encode(value):
    """Plain JSON data for a catalog: dataclasses, paths and tuples tagged, the rest as is."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"__type__": type(value).__name__,
                "fields": {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    if isinstance(value, Path):
        return {"__path__": str(value)}
    if isinstance(value, tuple):
        return {"__tuple__": [encode(v) for v in value]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {"__dict__": {str(k): encode(v) for k, v in value.items()}}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"the catalog cache cannot hold a {type(value).__name__}")


def _hook(types: dict[str, type]):
    """json's object_hook (called innermost first): tagged objects back into what they were."""
    def hook(data: dict):
        if "__type__" in data:
            cls = types[data["__type__"]]  # KeyError for anything else: the cache is rebuilt
            names = {f.name for f in dataclasses.fields(cls)}
            return cls(**{k: v for k, v in data["fields"].items() if k in names})
        if "__path__" in data:
            return Path(data["__path__"])
        if "__tuple__" in data:
            return tuple(data["__tuple__"])
        if "__dict__" in data:
            return data["__dict__"]
        return data  # untagged: the field table of a tagged object, one level up
    return hook


def decode(text: str):
    return json.loads(text, object_hook=_hook(_types()))


def cached(root: Path, build, lang: str = "en"):
    """build() once per content state and language; later calls read the JSON."""
    try:
        key = content_key(root, lang)
        target = paths.home() / "cache" / f"catalog-{lang}-{key}.json"
    except OSError:
        return build()
    try:
        with open(target, encoding="utf-8") as handle:
            catalog = decode(handle.read())
        if type(catalog).__name__ == "Catalog" and not catalog.errors and catalog.lang == lang:
            return catalog
    except Exception:  # missing, stale format, truncated, hand-edited: rebuild
        pass
    catalog = build()
    if catalog.errors:
        return catalog  # never cache a broken course: the learner is likely fixing it
    try:
        text = json.dumps(encode(catalog), ensure_ascii=False)
        target.parent.mkdir(parents=True, exist_ok=True)
        for old in [*target.parent.glob("catalog-*.json"), *target.parent.glob("catalog-*.pickle")]:
            if _other_language(old.name, lang):
                continue                 # the other language's copy stays: switching back is instant
            old.unlink(missing_ok=True)  # old pickles and unlabelled copies too: nothing reads them any more
        partial = target.with_suffix(f".{os.getpid()}.partial")
        with open(partial, "w", encoding="utf-8") as handle:
            handle.write(text)
        partial.replace(target)
    except (OSError, TypeError, ValueError):
        pass
    return catalog
