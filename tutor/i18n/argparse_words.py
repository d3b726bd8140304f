"""argparse's own words (usage:, options:, its error messages) in the learner's language.

argparse marks its messages for gettext (`from gettext import gettext as _` at import) and looks
`_` up as a module global each time it writes one, so they can be translated; Python's argparse
how-to ("How to translate the argparse output") describes extracting them into a catalogue. Its
`_` reads the process-wide default gettext domain and the language from the environment, though,
while the course's language is chosen per run (`--lang`, the saved setting) and can change while
the app runs. So `install()` points argparse's `_` at our catalogue instead, for exactly the
messages below (each one is argparse's own msgid, checked against the running Python by
tests/test_i18n_rest.py); anything else argparse passes through `_` (a title we gave it) comes
back untouched.

A message that can only be a programming error (conflicting option strings, a bad `dest=`) is left
out: a learner never sees it. The `%(name)s` placeholders are argparse's own and stay as they are.

`HelpFormatter` lays out help that holds Chinese by terminal cells, not characters (argparse's
textwrap would run a Chinese line to twice the width); English help is laid out exactly as before.
"""
from __future__ import annotations

import argparse
import re

from rich.cells import cell_len

from tutor.i18n import wrap
from tutor.i18n.catalog import N_, _

MESSAGES: frozenset[str] = frozenset({
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("unexpected option string: %s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
})


def translate(message):
    """argparse's `_`: ours for the messages above, anything else unchanged (argparse also passes
    titles and descriptions it was given, and None, through `_`)."""
    return _(message) if message in MESSAGES else message


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, measuring by cells where the text holds wide (CJK) characters."""

    def _format_usage(self, usage, actions, groups, prefix):
        # argparse measures the prefix by len(): a Chinese one ("用法：") is wider on screen than it
        # is long. The usage is laid out that much narrower, and its continuation lines (indented
        # by len(prefix + prog)) shifted right by the difference, so they line up under the first.
        shown = _("usage: ") if prefix is None else prefix
        extra = cell_len(shown) - len(shown)
        if extra <= 0:
            return super()._format_usage(usage, actions, groups, prefix)
        self._width -= extra
        try:
            text = super()._format_usage(usage, actions, groups, prefix)
        finally:
            self._width += extra
        first, *rest = text.split("\n")
        return "\n".join([first] + [(" " * extra + line) if line.strip() else line for line in rest])

    def _split_lines(self, text, width):
        if cell_len(text) == len(text):
            return super()._split_lines(text, width)
        return wrap.wrap(_WHITESPACE.sub(" ", text).strip(), width)

    def _fill_text(self, text, width, indent):
        if cell_len(text) == len(text):
            return super()._fill_text(text, width, indent)
        lines = wrap.wrap(_WHITESPACE.sub(" ", text).strip(), max(width - len(indent), 11))
        return "\n".join(indent + line for line in lines)


_WHITESPACE = re.compile(r"\s+", re.ASCII)


def install() -> None:
    """Route argparse's messages through the catalogue. Idempotent; affects only argparse."""
    argparse._ = translate      # type: ignore[attr-defined]  # argparse's module-level gettext alias


__all__ = ["HelpFormatter", "MESSAGES", "install", "translate"]
