"""An exercise's grader words in the learner's language: the names of its checks and the sentences
its checks.py writes (a shape hint, a custom comparison's message, a counterexample's fact).

They are course text, so they live with the exercise's other translations, in exercises/<id>/zh.toml:

    [checks]                       # English check name = the name a Chinese reader sees
    "padding" = "填充"
    [messages]                     # English template = Chinese template, same {placeholders}
    "is the padding applied twice?" = "填充是不是加了两次？"

A check's English name stays its identifier (`dltutor check --json` reports it); only the report a
person reads shows the translation. checks.py writes its sentences through `Phrases`:

    say = Phrases(__file__)
    return say("{name} has one entry per feature (D,)", name=name)

so the template is looked up before the values go in, as gettext does, and tests can read every
template out of checks.py (the first argument of `say` is always a string literal).
"""
from __future__ import annotations

import string
import tomllib
from functools import lru_cache
from pathlib import Path

from tutor.i18n.catalog import N_, SOURCE_LANGUAGE, _, report_missing
from tutor.i18n.lang import current_language

TABLES = ("checks", "messages")

# The checks every exercise has, named by the grader itself (tutor/grading/engine.py); they are
# the app's words, so the message catalogue translates them, not an exercise's zh.toml.
FILE_IMPORTS = N_("file imports")
NO_FORBIDDEN_APIS = N_("no forbidden APIs")
DEFINES = "defines "                   # + the function names: "defines conv2d"

def phrase_table(folder: Path, lang: str, table: str) -> dict[str, str]:
    """`table` ("checks" or "messages") of exercises/<id>/<lang>.toml; {} when there is none or it
    does not parse (tutor/content/translations.py reports that as a problem)."""
    path = Path(folder) / f"{lang}.toml"
    try:
        stat = path.stat()
    except OSError:
        return {}
    return _tables(str(path), stat.st_mtime_ns, stat.st_size).get(table, {})


@lru_cache(maxsize=128)
def _tables(path: str, _mtime: int, _size: int) -> dict[str, dict[str, str]]:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}
    out: dict[str, dict[str, str]] = {}
    for table in TABLES:
        raw = data.get(table)
        if isinstance(raw, dict):
            out[table] = {k: v.strip() for k, v in raw.items() if isinstance(v, str) and v.strip()}
    return out


def placeholders(template: str) -> set[str]:
    """The {names} a template formats (a translation must use the same ones)."""
    try:
        return {field for _text, field, _spec, _conv in string.Formatter().parse(template) if field is not None}
    except ValueError:
        return {"<unbalanced braces>"}


class Phrases:
    """checks.py's sentences, said in the learner's language (English when untranslated)."""

    def __init__(self, checks_file: str | Path) -> None:
        self.folder = Path(checks_file).resolve().parent

    def __call__(self, template: str, /, **values: object) -> str:
        text = template
        lang = current_language()
        if lang != SOURCE_LANGUAGE:
            found = phrase_table(self.folder, lang, "messages").get(template)
            if found is None:
                report_missing(lang, template)
            else:
                text = found
        return text.format(**values) if values else text


def check_label(folder: Path | None, name: str) -> str:
    """The name of check `name` (an exercise's, in `folder`, or the grader's own) as the learner's
    language has it."""
    lang = current_language()
    if lang == SOURCE_LANGUAGE:
        return name
    if name in (FILE_IMPORTS, NO_FORBIDDEN_APIS):
        return _(name)
    if name.startswith(DEFINES):
        return _("defines {functions}").format(functions=name[len(DEFINES):])
    found = phrase_table(folder, lang, "checks").get(name) if folder is not None else None
    if found is None:
        report_missing(lang, name)
        return name
    return found
