"""Progress: a per-lesson table (reading, exercises, attempts, time) and an export to JSON."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Header, Static

from tutor import paths
from tutor.i18n.catalog import N_, _, ngettext
from tutor.tui.screens.base import TutorScreen
from tutor.tui.widgets.footer import TutorFooter
from tutor.tui.widgets.marks import duration, mark, reading_status

COLUMNS = (("", "mark"), (N_("Lesson"), "lesson"), (N_("Read"), "read"), (N_("Passed"), "passed"),
           (N_("Tried"), "tried"), (N_("Attempts"), "attempts"), (N_("Time"), "time"))


def export_path() -> Path:
    """$DLTUTOR_HOME/progress-export-<date>.json (a second export the same day replaces it)."""
    return paths.home() / f"progress-export-{date.today().isoformat()}.json"


def _cut(text: str, width: int) -> Text:
    line = Text(text)
    line.truncate(width, overflow="ellipsis")
    return line


class ProgressScreen(TutorScreen):
    BINDINGS = [
        Binding("x", "export", N_("Export JSON"),
                tooltip=N_("Export all progress to $DLTUTOR_HOME/progress-export-<date>.json"), id="progress.export"),
        Binding("escape", "app.pop_screen", N_("Back"), id="progress.back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="progress-body"):
            yield DataTable(id="progress-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="progress-summary")
        yield TutorFooter()

    def on_mount(self) -> None:
        self._add_columns()
        self.query_one(DataTable).focus()

    def _add_columns(self) -> None:
        self.sub_title = _("Progress")
        table = self.query_one(DataTable)
        for label, key in COLUMNS:
            table.add_column(_(label) if label else "", key=key)

    def relabel(self) -> None:
        self.query_one(DataTable).clear(columns=True)
        self._add_columns()
        self.fill()

    def on_screen_resume(self) -> None:
        # Also sent when the screen first appears; refills after the learner comes back.
        self.fill()

    def fill(self) -> None:
        app = self.app
        store, catalog = app.store, app.catalog
        states = store.exercise_states()
        positions = store.lesson_positions()
        table = self.query_one(DataTable)
        table.clear()
        # Long titles are cut so that every column fits on an 80-column terminal.
        title_width = max(20, self.app.size.width - 48)
        totals = {"passed": 0, "tried": 0, "exercises": 0, "attempts": 0, "time": 0.0}
        for lesson in catalog.lessons:
            position = positions.get(lesson.id)
            exercises = catalog.lesson_exercises(lesson)
            mine = [states[e.id] for e in exercises if e.id in states]
            passed = sum(s.solved for s in mine)
            tried = sum(1 for s in mine if s.attempts)
            attempts = sum(s.attempts for s in mine)
            seconds = (position["time_spent_s"] if position else 0.0) + sum(s.time_spent_s for s in mine)
            read = f"{position['section'] + 1}/{len(lesson.sections)}" if position else f"—/{len(lesson.sections)}"
            table.add_row(mark(reading_status(position, len(lesson.sections))),
                          _cut(f"{lesson.order:2d}. {lesson.title}", title_width), read,
                          f"{passed}/{len(exercises)}" if exercises else "—",
                          str(tried) if exercises else "—", str(attempts) if attempts else "—",
                          duration(seconds), key=lesson.id)
            totals["passed"] += passed
            totals["tried"] += tried
            totals["exercises"] += len(exercises)
            totals["attempts"] += attempts
            totals["time"] += seconds
        reviews = store.reviews()
        cards = store.cards()
        right = sum(r["correct"] for r in reviews)
        summary = Text()
        summary.append(_("Exercises passed {passed}/{total}").format(passed=totals["passed"], total=totals["exercises"]),
                       style="bold")
        summary.append(" · " + _("tried {count}").format(count=totals["tried"]) + " · "
                       + ngettext("{count} attempt", "{count} attempts", int(totals["attempts"])).format(
                           count=totals["attempts"])
                       + " · " + _("{time} spent").format(time=duration(totals["time"])) + "\n")
        quiz = [ngettext("{count} card", "{count} cards", len(cards)).format(count=len(cards)),
                ngettext("{count} review", "{count} reviews", len(reviews)).format(count=len(reviews))]
        if reviews:
            quiz.append(_("{percent}% right").format(percent=round(100 * right / len(reviews))))
        summary.append(_("Quiz: {facts}").format(facts=_(", ").join(quiz)) + "\n")
        summary.append(_("x: export everything to JSON"), style="dim")
        self.query_one("#progress-summary", Static).update(summary)

    def action_export(self) -> None:
        target = export_path()
        try:
            # Write beside, then rename: a crash never leaves half an export under the real name.
            partial = target.with_name(target.name + ".partial")
            partial.write_text(json.dumps(self.app.store.export(), indent=2, ensure_ascii=False) + "\n",
                               encoding="utf-8")
            partial.replace(target)
        except OSError as exc:
            self.notify(_("Could not write {path}: {reason}").format(path=target, reason=exc.strerror or exc),
                        severity="error")
            return
        self.notify(_("Progress exported to {path}").format(path=target), title=_("Export"))
