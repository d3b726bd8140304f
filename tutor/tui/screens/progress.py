"""Progress: a per-lesson table (reading, exercises, attempts, time) and an export to JSON."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from tutor import paths
from tutor.tui.widgets.marks import duration, mark, plural, reading_status


def export_path() -> Path:
    """$DLTUTOR_HOME/progress-export-<date>.json (a second export the same day replaces it)."""
    return paths.home() / f"progress-export-{date.today().isoformat()}.json"


def _cut(text: str, width: int) -> Text:
    line = Text(text)
    line.truncate(width, overflow="ellipsis")
    return line


class ProgressScreen(Screen):
    BINDINGS = [
        Binding("x", "export", "Export JSON", tooltip="Export all progress to $DLTUTOR_HOME/progress-export-<date>.json", id="progress.export"),
        Binding("escape", "app.pop_screen", "Back", id="progress.back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="progress-body"):
            yield DataTable(id="progress-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="progress-summary")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Progress"
        table = self.query_one(DataTable)
        for label, key in (("", "mark"), ("Lesson", "lesson"), ("Read", "read"), ("Passed", "passed"),
                           ("Tried", "tried"), ("Attempts", "attempts"), ("Time", "time")):
            table.add_column(label, key=key)
        table.focus()

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
        summary.append(f"Exercises passed {totals['passed']}/{totals['exercises']}", style="bold")
        summary.append(f" · tried {totals['tried']} · {plural(totals['attempts'], 'attempt')}"
                       f" · {duration(totals['time'])} spent\n")
        summary.append(f"Quiz: {plural(len(cards), 'card')}, {plural(len(reviews), 'review')}"
                       + (f", {round(100 * right / len(reviews))}% right" if reviews else "") + "\n")
        summary.append("x: export everything to JSON", style="dim")
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
            self.notify(f"Could not write {target}: {exc.strerror or exc}", severity="error")
            return
        self.notify(f"Progress exported to {target}", title="Export")
