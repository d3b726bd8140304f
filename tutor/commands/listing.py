"""`dltutor list` and `dltutor progress`."""
from __future__ import annotations

import argparse
import json

from tutor.commands import UsageError, course, open_store_with_notice
from tutor.i18n.catalog import N_, _, ngettext


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help=_("print machine-readable JSON"))
    if name == "progress":
        parser.add_argument("--export", metavar="FILE", help=_("write all your progress to FILE as JSON"))


def course_listing() -> dict:
    """Lessons with their exercises, and each exercise's status (the `list --json` contract)."""
    catalog = course()
    with open_store_with_notice() as store:
        states = store.exercise_states()
        positions = store.lesson_positions()
    lessons = []
    for lesson in catalog.lessons:
        position = positions.get(lesson.id)
        lessons.append({
            "id": lesson.id, "title": lesson.title, "order": lesson.order,
            "exercises": list(lesson.exercises), "demo": lesson.demo, "summary": lesson.summary,
            "sections": len(lesson.sections), "has_quiz": lesson.quiz_path is not None,
            "section_reached": position["section"] if position else None,
        })
    exercises = []
    for lesson in catalog.lessons:
        for exercise in catalog.lesson_exercises(lesson):
            state = states.get(exercise.id)
            exercises.append({
                "id": exercise.id, "title": exercise.title, "lesson": exercise.lesson,
                "functions": list(exercise.functions),
                "status": state.status if state else "not started",
                "attempts": state.attempts if state else 0,
                "hints_revealed": state.hints_revealed if state else 0,
            })
    listed = {e["id"] for e in exercises}
    for exercise in catalog.exercises.values():
        if exercise.id not in listed:
            state = states.get(exercise.id)
            exercises.append({"id": exercise.id, "title": exercise.title, "lesson": exercise.lesson,
                              "functions": list(exercise.functions),
                              "status": state.status if state else "not started",
                              "attempts": state.attempts if state else 0,
                              "hints_revealed": state.hints_revealed if state else 0})
    store.close()
    return {"lessons": lessons, "exercises": exercises}


# status (English: the `list --json` contract) -> its mark and its words, translated when shown.
MARKS = {"passed": ("green", "✔", N_("passed")), "attempted": ("yellow", "…", N_("attempted")),
         "not started": ("dim", "·", N_("not started"))}


def status_mark(status: str) -> str:
    style, mark, words = MARKS[status]
    return f"[{style}]{mark} {_(words)}[/]"


def run(args: argparse.Namespace) -> int:
    if args.command == "progress" and args.export:
        with open_store_with_notice() as store:
            exported = store.export()
        try:
            with open(args.export, "w", encoding="utf-8") as handle:
                json.dump(exported, handle, indent=2)
        except OSError as exc:
            raise UsageError(_("cannot write {path}: {reason}").format(path=args.export, reason=exc.strerror)) from None
        print(_("Progress written to {path}").format(path=args.export))
        return 0
    listing = course_listing()
    if args.json:
        print(json.dumps(listing, indent=2))
        return 0
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console()
    by_id = {e["id"]: e for e in listing["exercises"]}
    table = Table(title=_("dltutor — the course"), show_lines=False, expand=False)
    table.add_column("#", justify="right", style="dim")
    table.add_column(_("lesson / exercise"))
    table.add_column("id", style="cyan")
    table.add_column(_("status"))
    for lesson in listing["lessons"]:
        extra = ("  [dim]" + escape(_("(demo: {demo})").format(demo=lesson["demo"])) + "[/]") if lesson["demo"] else ""
        table.add_row(str(lesson["order"]), f"[bold]{escape(lesson['title'])}[/]{extra}", lesson["id"], "")
        for exercise_id in lesson["exercises"]:
            exercise = by_id.get(exercise_id)
            if exercise:
                table.add_row("", f"  {escape(exercise['title'])}", exercise_id, status_mark(exercise["status"]))
    console.print(table)
    solved = sum(e["status"] == "passed" for e in listing["exercises"])
    console.print(_("{solved}/{total} exercises passed. Start one with [bold]dltutor start ID[/], read with "
                    "[bold]dltutor lesson ID[/].").format(solved=solved, total=len(listing["exercises"])))
    problems = len(course().errors)
    if problems:
        # A broken lesson or exercise is left out of the table: say so rather than hide it.
        Console(stderr=True).print("[yellow]" + _("note:") + "[/] " + escape(ngettext(
            "{count} problem in the course content left something out; 'dltutor validate' lists them.",
            "{count} problems in the course content left something out; 'dltutor validate' lists them.",
            problems).format(count=problems)))
    return 0
