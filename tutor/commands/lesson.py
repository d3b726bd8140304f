"""`dltutor lesson ID`: read a lesson in the terminal, section by section."""
from __future__ import annotations

import argparse
import sys

from tutor.commands import UsageError, open_store_with_notice, resolve_lesson
from tutor.i18n.catalog import _


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("lesson", help=_("lesson id or number (see 'dltutor list')"))
    parser.add_argument("--section", type=int, default=None, help=_("start at this section (1-based)"))
    parser.add_argument("--all", action="store_true", help=_("print every section without pausing"))


def run(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.markdown import Markdown
    from rich.rule import Rule

    lesson = resolve_lesson(args.lesson)
    total = len(lesson.sections)
    if args.section is not None and not 1 <= args.section <= total:
        raise UsageError(_("lesson {lesson!r} has sections 1 to {total}; there is no section {section}.").format(
            lesson=lesson.id, total=total, section=args.section))
    console = Console()
    with open_store_with_notice() as store:
        start = (args.section - 1) if args.section else (store.lesson_positions().get(lesson.id, {}).get("section", 0))
        start = max(0, min(total - 1, start))
        interactive = sys.stdin.isatty() and sys.stdout.isatty() and not args.all
        index = start if interactive else (args.section - 1 if args.section else 0)
        while index < total:
            section = lesson.sections[index]
            console.print(Rule(f"{lesson.title} — {index + 1}/{total}"))
            console.print(Markdown(section.body))
            store.set_lesson_position(lesson.id, index, total)
            index += 1
            if interactive and index < total:
                try:
                    answer = console.input("[dim]" + _("Enter: next section · q: quit") + "[/] ")
                except EOFError:
                    break
                if answer.strip().lower().startswith("q"):
                    break
        if index >= total:
            console.print(Rule())
            for exercise in lesson.exercises:
                console.print(_("Exercise:") + f" [bold]dltutor start {exercise}[/]")
            if lesson.demo:
                console.print(_("Demo:") + f" [bold]dltutor demo {lesson.demo}[/]")
            if lesson.quiz_path:
                console.print(_("Quiz:") + f" [bold]dltutor quiz {lesson.id}[/]")
    return 0
