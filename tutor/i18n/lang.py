"""Which language the learner reads: `--lang` > $DLTUTOR_LANG > the saved setting > the locale.

The saved setting is one line in $DLTUTOR_HOME/settings.toml (`lang = "zh"`), so a choice made in
the app holds for the CLI too. Identifiers, status values and key names stay English in every
language (they are contracts); only the words a learner reads change.
"""
from __future__ import annotations

import os
import tomllib

LANGUAGES = ("en", "zh")
_override: str | None = None     # set by `dltutor --lang` for this process


def _normalise(value: str | None) -> str | None:
    """'zh', 'zh_CN.UTF-8', 'zh-Hans' -> 'zh'; 'en_US.UTF-8', 'C' -> 'en'; '' or None -> None."""
    if not value:
        return None
    code = value.strip().lower().replace("-", "_").split(".")[0]
    if code.startswith("zh"):
        return "zh"
    if code.startswith("en") or code in ("c", "posix"):
        return "en"
    return None


def _settings_path():
    from tutor import paths

    return paths.home() / "settings.toml"


def saved_language() -> str | None:
    try:
        data = tomllib.loads(_settings_path().read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return None          # no setting yet, or an unreadable one: fall through to the locale
    return _normalise(str(data.get("lang", "")))


def locale_language() -> str:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        found = _normalise(os.environ.get(name))
        if found:
            return found
    return "en"


def current_language() -> str:
    return (_override or _normalise(os.environ.get("DLTUTOR_LANG")) or saved_language()
            or locale_language())


def set_language(lang: str, *, persist: bool = False) -> None:
    """Use `lang` for the rest of this process; with persist, also from now on (settings.toml)."""
    global _override
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: choose one of {', '.join(LANGUAGES)}")
    _override = lang
    if persist:
        _settings_path().write_text(f'lang = "{lang}"\n', encoding="utf-8")
