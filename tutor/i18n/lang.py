"""Which language the learner reads: `--lang` > $DLTUTOR_LANG > the saved setting > the locale.

The saved setting is one line in $DLTUTOR_HOME/settings.toml (`lang = "zh"`), so a choice made in
the app holds for the CLI too. Identifiers, status values and key names stay English in every
language (they are contracts); only the words a learner reads change.

`set_language` also exports $DLTUTOR_LANG, so the processes this one starts (the grader, a demo's
trainer) speak the same language without being told.
"""
from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LANGUAGES = ("en", "zh")
ENV = "DLTUTOR_LANG"
_override: str | None = None     # set by `dltutor --lang` (or the app's switch) for this process


def normalise(value: str | None) -> str | None:
    """'zh', 'zh_CN.UTF-8', 'zh-Hans' -> 'zh'; 'en_US.UTF-8', 'C' -> 'en'; 'fr_FR', '' or None -> None."""
    if not value:
        return None
    code = value.strip().lower().replace("-", "_").split(".")[0].split("@")[0]
    if code.startswith("zh"):
        return "zh"
    if code.startswith("en") or code in ("c", "posix"):
        return "en"
    return None


def settings_path(home: Path | None = None) -> Path:
    """settings.toml in `home`, by default this learner's $DLTUTOR_HOME."""
    if home is None:
        from tutor import paths

        home = paths.home()
    return home / "settings.toml"


def saved_language(home: Path | None = None) -> str | None:
    """The language saved in settings.toml (of `home`, by default this learner's); None when there
    is none or the file cannot be read."""
    try:
        data = tomllib.loads(settings_path(home).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        # No setting yet, or an unreadable one (bad TOML, not UTF-8, a folder): fall through to
        # the locale rather than stop the learner at the door over a preference.
        return None
    value = data.get("lang")
    return normalise(value) if isinstance(value, str) else None


def locale_language() -> str:
    """The locale's language, the way gettext reads it: the first of LC_ALL, LC_MESSAGES, LANG
    that is set decides (a language we do not have, such as fr_FR, means English); a
    LANGUAGE priority list (zh_CN:en) refines it unless the locale is C."""
    locale = next((os.environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if os.environ.get(name)), "")
    if locale.strip().lower().split(".")[0] not in ("c", "posix"):
        for entry in os.environ.get("LANGUAGE", "").split(":"):
            found = normalise(entry)
            if found:
                return found
    return normalise(locale) or "en"


def current_language() -> str:
    """'en' or 'zh': the language in force for this process, asked afresh each time."""
    return _override or normalise(os.environ.get(ENV)) or saved_language() or locale_language()


def set_language(lang: str, *, persist: bool = False) -> None:
    """Use `lang` for the rest of this process (and its children); with persist, also from now on
    (settings.toml, keeping any other settings in it)."""
    global _override
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: choose one of {', '.join(LANGUAGES)}")
    _override = lang
    os.environ[ENV] = lang
    if persist:
        save_language(lang)


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Look strings up in `lang` while the block runs, then go back (the environment, which the
    processes this one starts inherit, is left alone). For a server answering each visitor in
    theirs: the block must not wait on anything that lets another request run in between."""
    global _override
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: choose one of {', '.join(LANGUAGES)}")
    before, _override = _override, lang
    try:
        yield
    finally:
        _override = before


def clear_language() -> None:
    """Forget this process's choice (tests; `dltutor --lang` is for one run only)."""
    global _override
    _override = None


_LANG_LINE = re.compile(r"^\s*lang\s*=.*$", re.M)


def save_language(lang: str) -> Path:
    """Write `lang = "<lang>"` into settings.toml: replace the line if there is one, add it if not;
    a file that is not valid TOML is replaced (it could not be read anyway)."""
    path = settings_path()
    line = f'lang = "{lang}"'
    try:
        text = path.read_text(encoding="utf-8")
        tomllib.loads(text)
    except (OSError, ValueError):
        text = ""
    # Only top-level keys: everything before the first [table] (a key after one belongs to it).
    table = re.search(r"^\s*\[", text, re.M)
    head, tail = (text[:table.start()], text[table.start():]) if table else (text, "")
    if _LANG_LINE.search(head):
        head = _LANG_LINE.sub(line, head, count=1)
    else:
        head += ("" if not head or head.endswith("\n") else "\n") + line + "\n"
    text = head + tail
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".settings-{os.getpid()}.partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
    return path
