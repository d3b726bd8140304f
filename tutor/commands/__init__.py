"""Subcommands: thin front ends over the engines. Each module: configure(name, parser), run(args)."""
from __future__ import annotations

from tutor.content import Catalog, shipped_catalog
from tutor.i18n.wrap import install_cjk_line_breaks

install_cjk_line_breaks()       # rich may break Chinese between characters (it wraps at spaces only)


class UsageError(Exception):
    """A bad id or argument: the CLI prints it and exits with code 2."""


def course() -> Catalog:
    """The shipped course (cached after the first load)."""
    return shipped_catalog()


def resolve_exercise(exercise_id: str):
    try:
        return shipped_catalog().exercise(exercise_id)
    except KeyError as exc:
        raise UsageError(exc.args[0]) from None


def resolve_lesson(lesson_id: str):
    try:
        return shipped_catalog().lesson(lesson_id)
    except KeyError as exc:
        raise UsageError(exc.args[0]) from None


def open_store_with_notice():
    """Open the progress store; say so on stderr if a broken database was moved aside."""
    import sys

    from tutor.progress import open_store

    store = open_store()
    if store.notice:
        from tutor.i18n.catalog import _

        print(_("note: {notice}").format(notice=store.notice), file=sys.stderr)
    return store
