"""The message catalogue: every UI string and CLI message, looked up in the learner's language.

gettext, with the catalogue compiled by babel (tutor/locale/<lang>/LC_MESSAGES/dltutor.po -> .mo,
shipped in the wheel). `_()` asks `current_language()` on every call, so a language switched in
the app takes effect on the next string drawn, with nothing to re-import. English is the msgid
itself: it needs no catalogue.

Strings are written with named placeholders and formatted after the lookup,
`_("{done} of {total} checks failed").format(done=..., total=...)`, so a translation can put the
numbers where its grammar wants them (an f-string would be formatted before the lookup, and
`pybabel extract` cannot read one).

Strings that must exist before a language is known (class-level Binding descriptions, tables of
labels) are marked with `N_()`, which only marks them for extraction; the code that shows them
passes them through `_()` at draw time.
"""
from __future__ import annotations

import gettext
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from tutor.i18n.lang import current_language

DOMAIN = "dltutor"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
SOURCE_LANGUAGE = "en"        # the msgids are the English text

# Called with (language, text) whenever a text shown to the learner has no translation in a language
# that is not the source one: a msgid here, or an exercise's check name or sentence (their tables live
# in exercises/<id>/<lang>.toml, tutor/content/check_phrases.py). record_missing() hooks in here to
# prove no English is left on a zh screen.
_missing_hooks: list[Callable[[str, str], None]] = []


class _Catalogue(gettext.GNUTranslations):
    """A compiled catalogue that can tell a missing entry from one translated to itself."""

    def has(self, msgid: str, plural: bool = False) -> bool:
        key = (msgid, 0) if plural else msgid
        return key in self._catalog       # type: ignore[attr-defined]  # gettext's own table


@cache
def catalogue(lang: str) -> _Catalogue | None:
    """The compiled catalogue of `lang`, or None for English or a language without one."""
    if lang == SOURCE_LANGUAGE:
        return None
    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with path.open("rb") as handle:
            return _Catalogue(handle)
    except OSError:
        return None


def report_missing(lang: str, text: str) -> None:
    """Tell record_missing() that `text` was shown untranslated in `lang`."""
    for hook in list(_missing_hooks):
        hook(lang, text)


def gettext_(message: str) -> str:
    """`message` in the learner's language (English when the catalogue lacks it)."""
    lang = current_language()
    if lang == SOURCE_LANGUAGE:
        return message
    found = catalogue(lang)
    if found is None or not found.has(message):
        report_missing(lang, message)
        return message
    return found.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of `singular`/`plural` that fits `n`, in the learner's language."""
    lang = current_language()
    if lang != SOURCE_LANGUAGE:
        found = catalogue(lang)
        if found is not None and found.has(singular, plural=True):
            return found.ngettext(singular, plural, n)
        report_missing(lang, singular)
    return singular if n == 1 else plural


def N_(message: str) -> str:       # noqa: N802 -- the conventional gettext marker name
    """Mark `message` for extraction only; translate it with `_()` where it is shown."""
    return message


_ = gettext_


@contextmanager
def record_missing() -> Iterator[set[tuple[str, str]]]:
    """Collect every (language, text) shown without a translation while the block runs: msgids,
    and exercises' check names and sentences."""
    seen: set[tuple[str, str]] = set()

    def hook(lang: str, msgid: str) -> None:
        seen.add((lang, msgid))

    _missing_hooks.append(hook)
    try:
        yield seen
    finally:
        _missing_hooks.remove(hook)


__all__ = ["_", "N_", "ngettext", "catalogue", "record_missing", "report_missing", "DOMAIN", "LOCALE_DIR"]
