"""Home: the curriculum with status marks, overall progress, 'continue' and the review count."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Header, Label, OptionList, ProgressBar, Static

from tutor.i18n.catalog import N_, _, ngettext
from tutor.tui import messages
from tutor.tui.screens.base import TutorScreen
from tutor.tui.widgets.curriculum import CurriculumList, Row
from tutor.tui.widgets.footer import TutorFooter
from tutor.tui.widgets.marks import STATUS_WORDS, duration, reading_status

# Below this width the details pane would squeeze the curriculum: it hides (see on_resize).
DETAILS_MIN_WIDTH = 100


class HomeScreen(TutorScreen):
    BINDINGS = [
        Binding("c", "continue_reading", N_("Continue"), tooltip=N_("The first unfinished lesson section, exercise or quiz"), id="home.continue"),
        Binding("r", "app.open_review", N_("Review"), tooltip=N_("Review the quiz cards that are due"), id="home.open_review"),
        Binding("p", "app.open_progress", N_("Progress"), tooltip=N_("Your progress, lesson by lesson"), id="home.open_progress"),
        Binding("d", "app.open_demo", N_("Demos"), tooltip=N_("Pick a training demo"), id="home.open_demo"),
        Binding("l", "app.toggle_language", N_("中文"), tooltip=N_("Switch the app and the course to Chinese (切换到中文)"), id="home.toggle_language"),
        Binding("q", "app.quit", N_("Quit"), tooltip=N_("Quit dltutor"), id="home.quit"),
    ]

    _shown = False      # set once Home has been on screen: later resumes refresh what it shows
    review_count: int | None = None     # None until counted, just after the first frame

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="home-actions"):
            yield Button(_("Start the course"), id="continue", compact=True)
            yield Button(_("Review"), id="review", compact=True)
        with Horizontal(id="home-progress"):
            yield Label(_("Exercises passed") + " ", id="progress-label")
            yield ProgressBar(total=max(1, len(self.app.catalog.exercises)), show_eta=False, id="exercises-bar")
            yield Label("", id="progress-count")
        with Horizontal(id="home-main"):
            yield CurriculumList(self.app.catalog, id="curriculum")
            with Vertical(id="details-pane"):
                yield Static(id="details")
        yield TutorFooter()

    def on_mount(self) -> None:
        self._fit_width(self.app.size.width)
        self.refresh_progress()
        # The review count needs every quiz file: it waits until the first frame is on screen.
        self.call_after_refresh(self.refresh_review_count)
        self.query_one(CurriculumList).focus()

    def on_screen_resume(self) -> None:
        # Also sent when Home first appears, right after on_mount: nothing to refresh then.
        if self._shown:
            self.refresh_progress()
            self.refresh_review_count()
        self._shown = True

    def relabel(self) -> None:
        """Everything Home shows, again, in the language now in force (see DLTutorApp.apply_language)."""
        self.query_one("#review", Button).label = _("Review")
        self.query_one("#progress-label", Label).update(_("Exercises passed") + " ")
        self.query_one(CurriculumList).catalog = self.app.catalog
        self.refresh_progress()
        self.refresh_review_count()

    def on_resize(self, event) -> None:
        self._fit_width(event.size.width)

    def _fit_width(self, width: int) -> None:
        self.query_one("#details-pane").display = width >= DETAILS_MIN_WIDTH

    # -- what the screen shows ---------------------------------------------------------------
    def refresh_progress(self) -> None:
        app = self.app
        states = app.store.exercise_states()
        positions = app.store.lesson_positions()
        self.query_one(CurriculumList).show(states, positions)
        total = len(app.catalog.exercises)
        passed = sum(1 for exercise_id in app.catalog.exercises
                     if exercise_id in states and states[exercise_id].solved)
        self.query_one("#exercises-bar", ProgressBar).update(total=max(1, total), progress=passed)
        self.query_one("#progress-count", Label).update(f" {passed}/{total}")
        self.query_one("#continue", Button).label = self._continue_label()
        self._show_details()

    def refresh_review_count(self) -> None:
        due = self.review_count = len(self.app.review_queue())
        button = self.query_one("#review", Button)
        button.label = (ngettext("{count} review card due", "{count} review cards due", due).format(count=due)
                        if due else _("No review cards due"))
        button.set_class(due > 0, "-due")

    def _continue_target(self):
        """The first unfinished thing in course order (a Step), or None when all is done."""
        from tutor.tui.course import first_unfinished

        return first_unfinished(self.app.catalog, self.app.store)

    def _continue_label(self) -> str:
        if not self.app.catalog.lessons:
            return _("No lessons")
        step = self._continue_target()
        if step is None:
            return _("Course complete — review keeps it fresh")
        started = bool(self.app.store.last_position() or self.app.store.exercise_states())
        return (_("Continue: {step}") if started else _("Start: {step}")).format(step=step.label)

    def _show_details(self, row: Row | None = None) -> None:
        curriculum = self.query_one(CurriculumList)
        row = row or curriculum.row_at(curriculum.highlighted)
        self.query_one("#details", Static).update(self._details(row) if row else "")

    def _details(self, row: Row) -> Text:
        app = self.app
        catalog = app.catalog
        text = Text()
        if row.kind == "lesson":
            lesson = catalog.lesson(row.target)
            position = app.store.lesson_positions().get(lesson.id)
            text.append(f"{lesson.order}. {lesson.title}\n\n", style="bold")
            if lesson.summary:
                text.append(lesson.summary + "\n\n")
            sections, exercises = len(lesson.sections), len(catalog.lesson_exercises(lesson))
            facts = [ngettext("{count} section", "{count} sections", sections).format(count=sections),
                     ngettext("{count} exercise", "{count} exercises", exercises).format(count=exercises)]
            if lesson.demo:
                facts.append(_("demo {name}").format(name=lesson.demo))
            text.append(" · ".join(facts) + "\n", style="dim")
            status = reading_status(position, len(lesson.sections))
            if position:
                text.append("\n" + _("{status}: § {section}/{total}, {time} spent").format(
                    status=_(STATUS_WORDS[status]).capitalize(), section=position["section"] + 1, total=len(lesson.sections),
                    time=duration(position["time_spent_s"])) + "\n")
        elif row.kind == "exercise":
            exercise = catalog.exercise(row.target)
            state = app.store.exercise_state(exercise.id)
            text.append(f"{exercise.title}\n\n", style="bold")
            text.append(_("Write: {functions}").format(functions=", ".join(exercise.functions)) + "\n", style="dim")
            text.append(_("Status: {status}").format(status=_(STATUS_WORDS.get(state.status, state.status))) + "\n")
            if state.attempts:
                text.append(ngettext("{count} attempt, last: {status}", "{count} attempts, last: {status}",
                                     state.attempts).format(count=state.attempts, status=_(STATUS_WORDS.get(state.last_status or "", str(state.last_status)))) + "\n")
            if exercise.hints:
                text.append(_("Hints seen: {seen}/{total}").format(seen=state.hints_revealed, total=len(exercise.hints))
                            + "\n")
        elif row.kind == "quiz":
            lesson = catalog.lesson(row.target)
            text.append(_("Quiz: {title}").format(title=lesson.title) + "\n\n", style="bold")
            text.append(_("One question at a time; the explanation comes right after each answer. "
                          "Answered questions join your review queue.") + "\n")
        else:
            from tutor.demos.config import DEMOS

            text.append(_("Demo: {name}").format(name=row.target) + "\n\n", style="bold")
            text.append((_(DEMOS[row.target]) if row.target in DEMOS else "") + "\n")
            if row.target in app.demo_runs:
                text.append("\n" + _("Running now.") + "\n", style="bold green")
        return text

    # -- what the learner does ---------------------------------------------------------------
    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        curriculum = self.query_one(CurriculumList)
        self._show_details(curriculum.rows.get(event.option.id or ""))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "continue":
            self.action_continue_reading()
        elif event.button.id == "review":
            self.post_message(messages.OpenQuiz(review=True))

    def action_continue_reading(self) -> None:
        """The first unfinished thing in course order: a lesson section, an exercise or a quiz."""
        if not self.app.catalog.lessons:
            return
        step = self._continue_target()
        if step is None:
            self.post_message(messages.OpenQuiz(review=True))
        elif step.kind == "lesson":
            self.post_message(messages.OpenLesson(step.target, step.section))
        elif step.kind == "exercise":
            self.post_message(messages.OpenExercise(step.target))
        else:
            self.post_message(messages.OpenQuiz(step.target))
