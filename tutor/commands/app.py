"""`dltutor` and `dltutor open ID`: the Textual app (imported only when launched)."""
from __future__ import annotations

import argparse

from tutor.commands import UsageError, course
from tutor.i18n.catalog import _


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("target", help=_("a lesson id or number, or an exercise id"))


def launch(target: str | None) -> int:
    import sqlite3
    import sys

    from tutor.tui.app import DLTutorApp

    try:
        app = DLTutorApp(start=target)
    except sqlite3.Error as exc:  # held locked by another process for longer than the store waits
        from tutor import paths

        print(_("dltutor: your progress database could not be opened ({error}). Another dltutor may be "
                "holding it ({path}); close it and start again. Nothing was changed.").format(
                    error=exc, path=paths.database_path()), file=sys.stderr)
        return 1
    app.run()
    return app.return_code or 0


def run(args: argparse.Namespace) -> int:
    try:
        course().resolve(args.target)
    except KeyError as exc:
        raise UsageError(exc.args[0]) from None
    return launch(args.target)
