"""`dltutor validate`: check every lesson, exercise and quiz; list each problem with file and line."""
from __future__ import annotations

import argparse

from tutor.commands import UsageError


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", help="a folder holding lessons/ and exercises/ (default: the shipped content)")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from tutor import paths
    from tutor.content import load_catalog

    root = Path(args.root).expanduser() if args.root else paths.content_root()
    if not (root / "lessons").is_dir() and not (root / "exercises").is_dir():
        # Validating an empty or mistyped folder must not report "0 problems".
        raise UsageError(f"{root} has no lessons/ or exercises/ folder to validate.")
    catalog = load_catalog(root)
    questions = 0
    for lesson in catalog.lessons:
        try:
            questions += len(catalog.quiz(lesson))
        except Exception:  # already reported as a catalog error
            pass
    for error in catalog.errors:
        print(f"error: {error}")
    print(f"{len(catalog.lessons)} lessons, {len(catalog.exercises)} exercises, {questions} quiz questions; "
          f"{len(catalog.errors)} problem{'s' if len(catalog.errors) != 1 else ''}.")
    return 1 if catalog.errors else 0
