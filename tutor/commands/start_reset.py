"""`dltutor start ID [--edit]` and `dltutor reset ID`."""
from __future__ import annotations

import argparse
import subprocess

from tutor.commands import resolve_exercise


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("exercise", help="exercise id (see 'dltutor list')")
    if name == "start":
        parser.add_argument("--edit", action="store_true", help="open the file in $EDITOR")


def open_in_editor(path) -> int:
    from tutor.external_editor import editor_argv

    argv = editor_argv()
    if not argv:
        print("Set $EDITOR (for example: export EDITOR=nano) to open files from dltutor.")
        return 1
    try:
        return subprocess.call([*argv, str(path)])
    except FileNotFoundError:
        print(f"Your editor ({argv[0]!r}) was not found: set $EDITOR to one that is installed.")
        return 1


def run(args: argparse.Namespace) -> int:
    from tutor.workspace import ensure_workspace_file, reset_workspace_file

    exercise = resolve_exercise(args.exercise)
    if args.command == "reset":
        path, backup = reset_workspace_file(exercise)
        if backup:
            print(f"Your old file was kept as {backup}")
        print(f"Restored the starter: {path}")
        return 0
    path = ensure_workspace_file(exercise)
    print(path)
    if args.edit:
        return open_in_editor(path)
    print(f"Edit it, then run: dltutor check {exercise.id}", flush=True)
    return 0
