"""`dltutor start ID [--edit]` and `dltutor reset ID`."""
from __future__ import annotations

import argparse
import subprocess

from tutor.commands import resolve_exercise
from tutor.i18n.catalog import _


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("exercise", help=_("exercise id (see 'dltutor list')"))
    if name == "start":
        parser.add_argument("--edit", action="store_true", help=_("open the file in $EDITOR"))


def open_in_editor(path) -> int:
    from tutor.external_editor import editor_argv

    argv = editor_argv()
    if not argv:
        print(_("Set $EDITOR (for example: export EDITOR=nano) to open files from dltutor."))
        return 1
    try:
        return subprocess.call([*argv, str(path)])
    except FileNotFoundError:
        print(_("Your $EDITOR ({editor!r}) was not found.").format(editor=argv[0]))
        return 1


def run(args: argparse.Namespace) -> int:
    from tutor.workspace import ensure_workspace_file, reset_workspace_file

    exercise = resolve_exercise(args.exercise)
    if args.command == "reset":
        path, backup = reset_workspace_file(exercise)
        if backup:
            print(_("Your old file was kept as {path}").format(path=backup))
        print(_("Restored the starter: {path}").format(path=path))
        return 0
    path = ensure_workspace_file(exercise)
    print(path)
    if args.edit:
        return open_in_editor(path)
    print(_("Edit it, then run: dltutor check {exercise}").format(exercise=exercise.id), flush=True)
    return 0
