"""`dltutor check`, `watch`, `hint` and `solution`."""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

from tutor.commands import UsageError, open_store_with_notice, resolve_exercise
from tutor.commands.spinner import waiting
from tutor.i18n.catalog import _


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("exercise", help=_("exercise id (see 'dltutor list')"))
    if name in ("check", "watch"):
        parser.add_argument("--file", help=_("grade this file instead of your workspace file"))
        parser.add_argument("--seed", type=int, default=None, help=_("reproduce a run exactly"))
        parser.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
        parser.add_argument("--no-daemon", action="store_true",
                            help=_("grade in this process instead of the background grader that stays warm "
                                   "between checks"))
    if name == "check":
        parser.add_argument("--json", action="store_true", help=_("print one JSON object (the documented format)"))
    if name == "solution":
        parser.add_argument("--give-up", action="store_true", help=_("show it even though you have not passed yet"))


def learner_file(exercise, given: str | None) -> Path:
    from tutor.workspace import workspace_file

    path = Path(given) if given else workspace_file(exercise.id)
    if not path.exists():
        if given:
            raise UsageError(_("no such file: {path}").format(path=given))
        raise UsageError(_("you have no file for {exercise!r} yet — run 'dltutor start {exercise}' first").format(
            exercise=exercise.id))
    return path


def record(exercise_id: str, result, source: str) -> bool:
    """Save the attempt. A locked or broken database is reported, never a crash: the verdict stands."""
    import sqlite3

    failed = [t for t in result.tests if t.status not in ("pass", "skipped")]
    try:
        with open_store_with_notice() as store:
            store.record_attempt(exercise_id, result.status, result.duration_s, result.seed, len(failed),
                                 result.first_mistake, source)
    except (sqlite3.Error, OSError) as exc:
        print(_("note: this attempt was not saved to your progress ({error}); the verdict is unaffected. "
                "'dltutor doctor' shows where the database lives.").format(error=f"{type(exc).__name__}: {exc}"),
              file=sys.stderr)
        return False
    return True


def render(result, exercise, console, watching: bool = False) -> None:
    """The report's blocks (tutor.report.report_blocks, the same the app draws) in order, then what
    is good to know after a pass, then the verdict last, where the eye lands in a terminal, with the
    run's facts and the next step.

    `watching` (dltutor watch, which clears the screen for each grade): the list of every check comes
    first and the classic mistake and first failure after it, next to the verdict — at the bottom,
    on the screen, rather than scrolled off the top of a 24-line terminal by the list."""
    from rich.cells import cell_len
    from rich.console import Group
    from rich.markdown import Markdown
    from rich.markup import escape
    from rich.padding import Padding
    from rich.panel import Panel
    from rich.text import Text

    from tutor.report import build_report, report_blocks

    report = build_report(result.to_json(), exercise)
    marks = {"pass": "[green]✔[/]", "fail": "[red]✘[/]", "error": "[red]![/]", "timeout": "[red]⏱[/]",
             "skipped": "[dim]–[/]"}

    def indented(renderable, left: int = 4) -> None:
        console.print(Padding(renderable, (0, 0, 0, left), expand=False))

    def panel(heading: str, body: list, colour: str) -> None:
        width = min(console.width, 100)
        if cell_len(heading) <= width - 6:        # "╭─ " and " ─╮" around it
            console.print(Panel(Group(*body), title=escape(heading), title_align="left", border_style=colour,
                                width=width))
        else:                                     # a border title is cut, never wrapped: inside, it wraps
            console.print(Panel(Group(Text(heading, style=f"bold {colour}"), Text(), *body), border_style=colour,
                                width=width))

    def case_text(case) -> tuple[str, Text]:
        """(the facts for the case's label, the call in bold and the rest dim)."""
        facts = f" ({case.facts})" if case.facts and case.call else ""
        lines = case.lines() if not facts else [case.call or "", *case.lines()[2:]]
        shown = Text(lines[0], style="bold")
        for line in lines[1:]:
            shown.append("\n" + line, style="dim")
        return facts, shown

    blocks = report_blocks(report)
    # What is good to know goes with the verdict: here, just above it.
    notes = [block for block in blocks if block.kind == "note"]
    blocks = [block for block in blocks if block.kind != "note"]
    if watching:
        every_check = next((i for i, block in enumerate(blocks) if block.kind == "heading"), None)
        if every_check is not None:
            blocks = blocks[every_check:] + blocks[:every_check]
    for block in blocks + notes:
        if block.kind == "mistake":
            panel(_("Classic mistake: {title} ({id})").format(title=block.title,
                                                              id=report.mistake.id if report.mistake else ""),
                  [Markdown(block.text)], "magenta")
        elif block.kind == "note":
            body: list = [Markdown(block.text)]
            if block.case is not None:
                facts, shown = case_text(block.case)
                body += [Text(), Text(_("the case{facts}:").format(facts=facts), style="yellow"),
                         Padding(shown, (0, 0, 0, 4))]
            panel(_("Good to know: {title}").format(title=block.title), body, "cyan")
        elif block.kind == "check":
            console.print(f"{marks.get(block.status, '?')} {escape(block.text)}"
                          + (f"  [dim]{escape(block.title)}[/]" if block.status == "pass" and block.title else ""))
            if block.status == "skipped" and block.title:
                indented(Text(block.title, style="dim"))
        elif block.kind == "message":
            indented(Text(block.text))                      # learner text: markup off
        elif block.kind == "brief":
            indented(Text(block.text, style="dim"))
        elif block.kind == "case" and block.case is not None:
            facts, shown = case_text(block.case)
            indented(Text(_("smallest failing case{facts}:").format(facts=facts), style="yellow"))
            indented(shown, 8)
        elif block.kind == "heading":
            console.print(Text(block.text, style="bold"))
        elif block.kind == "same_mistake":
            indented(Text(block.text, style="magenta"))
        elif block.kind == "output":
            console.print(Panel(Text(block.text), title=block.title, border_style="dim", expand=False))
    colour = "green" if report.passed else "red"
    console.print(f"[bold {colour}]{escape(report.word)}[/]  {exercise.id}  {escape(report.detail)}  "
                  "[dim]" + escape(_("seed {seed} · {seconds}s · {device}").format(
                      seed=result.seed, seconds=f"{result.duration_s:.2f}", device=result.device)) + "[/]")
    if not report.passed:
        failures = [report.first, *report.later] if report.first else []
        if any(failure.case is not None for failure in failures):
            advice = _("Stuck? 'dltutor hint {exercise}' reveals the next hint; '--seed {seed}' "
                       "repeats this exact run.").format(exercise=exercise.id, seed=result.seed)
        else:       # a syntax error, a missing function, a crash on import: no drawn inputs to repeat
            advice = _("Stuck? 'dltutor hint {exercise}' reveals the next hint.").format(exercise=exercise.id)
        console.print("[dim]" + escape(advice) + "[/]")
    else:
        console.print("[dim]" + escape(_("Compare with the model solution: 'dltutor solution {exercise}'.").format(
            exercise=exercise.id)) + "[/]")


def grade_for_cli(exercise, path: Path, seed: int | None, device: str, no_daemon: bool = False,
                  quiet: bool = False):
    """Grade through the per-user daemon (warm after the first check), or in this process when it is
    turned off (--no-daemon, DLTUTOR_NO_DAEMON=1) or cannot be reached."""
    from tutor.grading import daemon

    if not (no_daemon or daemon.disabled()):
        from tutor.grading.result import from_json

        try:
            with waiting(_("Grading {exercise}…").format(exercise=exercise.id), quiet=quiet):
                return from_json(daemon.grade(exercise.id, path, seed, device))
        except daemon.DaemonError as exc:
            raise UsageError(str(exc)) from None
        except daemon.DaemonUnavailable as exc:
            print(_("note: grading in this process ({reason})").format(reason=exc), file=sys.stderr)
    from tutor.grading.forkserver import start_early

    start_early()  # the fork-server imports torch while this process does the same
    from tutor.grading.engine import grade

    try:
        with waiting(_("Grading {exercise}…").format(exercise=exercise.id), quiet=quiet):
            return grade(exercise, path, seed=seed, device=device)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def run_check(args: argparse.Namespace) -> int:
    exercise = resolve_exercise(args.exercise)
    path = learner_file(exercise, args.file)
    result = grade_for_cli(exercise, path, args.seed, args.device, args.no_daemon, quiet=args.json)
    record(exercise.id, result, "cli")
    if args.json:
        print(json.dumps(result.to_json()))
    else:
        from rich.console import Console

        render(result, exercise, Console())
    return 0 if result.status == "pass" else 1


def run_watch(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.text import Text

    exercise = resolve_exercise(args.exercise)
    path = learner_file(exercise, args.file)
    console = Console()
    last = None
    try:
        while True:
            try:
                stamp = path.stat().st_mtime_ns
            except FileNotFoundError:
                stamp = None
            if stamp != last and stamp is not None:
                last = stamp
                console.clear()
                console.print(Text(_("Watching {path} — save to grade again, ctrl+c to stop.").format(path=path),
                                   style="dim"))
                result = grade_for_cli(exercise, path, args.seed, args.device, args.no_daemon)
                record(exercise.id, result, "watch")
                render(result, exercise, console, watching=True)
            time.sleep(0.3)
    except KeyboardInterrupt:
        return 0


def run_hint(args: argparse.Namespace) -> int:
    from tutor.progress.hints import reveal_next_hint

    exercise = resolve_exercise(args.exercise)
    with open_store_with_notice() as store:
        shown, new = reveal_next_hint(store, exercise)
    from tutor.i18n.wrap import fill

    width = min(shutil.get_terminal_size((80, 24)).columns, 100) - 1
    for hint in shown:
        shown_hint = (_("{hint} (new): {text}") if hint == new else _("{hint} (seen): {text}")).format(
            hint=hint.label, text=hint.text)
        # Wrapped by cell width (a CJK character takes two), continuation lines indented under the text.
        print(fill(shown_hint, width=width, subsequent_indent="  "))
        print()
    if new is None:
        print(_("That was the last hint. 'dltutor solution {exercise}' shows the model solution once you pass "
                "(or with --give-up).").format(exercise=exercise.id))
    return 0


def run_solution(args: argparse.Namespace) -> int:
    exercise = resolve_exercise(args.exercise)
    with open_store_with_notice() as store:
        state = store.exercise_state(exercise.id)
    if not state.solved and not args.give_up:
        if sys.stdin.isatty():
            answer = input(_("You have not passed this exercise yet. Show the solution anyway? [y/N] "))
            if answer.strip().lower() not in ("y", "yes", _("y"), _("yes")):
                print(_("Not shown. Try 'dltutor hint {exercise}' first.").format(exercise=exercise.id))
                return 1
        else:
            print(_("You have not passed this exercise yet; add --give-up to see the solution anyway."))
            return 1
    with open_store_with_notice() as store:
        store.reveal_solution(exercise.id, gave_up=not state.solved)
    from rich.console import Console
    from rich.syntax import Syntax

    Console().print(Syntax(exercise.solution.read_text(encoding="utf-8"), "python", line_numbers=True))
    return 0


def run(args: argparse.Namespace) -> int:
    return {"check": run_check, "watch": run_watch, "hint": run_hint, "solution": run_solution}[args.command](args)
