"""The course as one keyboard-driven list: each lesson, and indented under it its exercises,
its quiz and its demo. Choosing a row posts the matching Open* message."""
from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tutor.content import Catalog
from tutor.i18n.catalog import _
from tutor.progress.store import ExerciseState
from tutor.tui import messages
from tutor.tui.widgets.marks import mark, reading_status


@dataclass(frozen=True)
class Row:
    kind: str          # 'lesson' | 'exercise' | 'quiz' | 'demo'
    target: str        # the lesson, exercise or demo id
    lesson: str        # the lesson the row sits under

    @property
    def option_id(self) -> str:
        # A demo can sit under two lessons (cnn): the lesson keeps the id unique.
        return f"{self.kind}:{self.target}:{self.lesson}"


def curriculum_rows(catalog: Catalog) -> list[Row]:
    rows: list[Row] = []
    for lesson in catalog.lessons:
        rows.append(Row("lesson", lesson.id, lesson.id))
        rows.extend(Row("exercise", exercise.id, lesson.id) for exercise in catalog.lesson_exercises(lesson))
        if lesson.quiz_path is not None:
            rows.append(Row("quiz", lesson.id, lesson.id))
        if lesson.demo:
            rows.append(Row("demo", lesson.demo, lesson.id))
    return rows


class CurriculumList(OptionList):
    """Rows are rebuilt by `show(states, positions)` whenever the progress they mark changes."""

    def __init__(self, catalog: Catalog, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.catalog = catalog
        self.rows = {row.option_id: row for row in curriculum_rows(catalog)}

    def show(self, states: dict[str, ExerciseState], positions: dict[str, dict]) -> None:
        highlighted = self.highlighted
        self.clear_options()
        self.add_options([Option(self._prompt(row, states, positions), id=key) for key, row in self.rows.items()])
        if self.option_count:
            self.highlighted = min(highlighted or 0, self.option_count - 1)

    def _prompt(self, row: Row, states: dict[str, ExerciseState], positions: dict[str, dict]) -> Text:
        # One line per row (app.tcss: text-wrap nowrap): a wrapped row would read as two items.
        return self._row_text(row, states, positions)

    def _row_text(self, row: Row, states: dict[str, ExerciseState], positions: dict[str, dict]) -> Text:
        if row.kind == "lesson":
            lesson = self.catalog.lesson(row.target)
            position = positions.get(lesson.id)
            text = Text.assemble(mark(reading_status(position, len(lesson.sections))), " ",
                                 (f"{lesson.order:2d}  ", "bold"), (lesson.title, "bold"))
            if position:
                text.append(f"  § {position['section'] + 1}/{len(lesson.sections)}", style="dim")
            return text
        if row.kind == "exercise":
            exercise = self.catalog.exercise(row.target)
            state = states.get(exercise.id)
            return Text.assemble("      ", mark(state.status if state else "not started"), " ",
                                 exercise.title, (f"  {exercise.id}", "dim"))
        if row.kind == "quiz":
            return Text.assemble("      ", ("?", "bold cyan"), " " + _("Quiz"))
        return Text.assemble("      ", ("▶", "bold magenta"), " " + _("Demo: {name}").format(name=row.target))

    def row_at(self, index: int | None) -> Row | None:
        if index is None or not 0 <= index < self.option_count:
            return None
        return self.rows.get(self.get_option_at_index(index).id or "")

    def select_row(self, kind: str, target: str) -> None:
        """Highlight the first row of this kind and target (e.g. the lesson read last)."""
        for index, key in enumerate(self.rows):
            row = self.rows[key]
            if row.kind == kind and row.target == target:
                self.highlighted = index
                return

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        row = self.rows.get(event.option.id or "")
        if row is None:
            return
        if row.kind == "lesson":
            self.post_message(messages.OpenLesson(row.target))
        elif row.kind == "exercise":
            self.post_message(messages.OpenExercise(row.target))
        elif row.kind == "quiz":
            self.post_message(messages.OpenQuiz(row.target))
        else:
            self.post_message(messages.OpenDemo(row.target))
