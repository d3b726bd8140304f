"""The exercise screen: instructions | code editor | results.

Grading runs in the warm grading service (another process) and is awaited from a thread
worker (`_grade`, one at a time), so the screen stays responsive and escape can cancel. The
worker touches nothing of the UI: it posts a `Graded` message with the service's reply, and the
screen — on the UI thread, the only one that touches the store (SQLite) — records and shows it.
"""
from __future__ import annotations

import json
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.dom import DOMNode
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Header, Label, Static, Tab, Tabs, TextArea
from textual.worker import Worker

from tutor.content import Exercise
from tutor.i18n.catalog import N_, _, ngettext
from tutor.progress.hints import reveal_next_hint, shown_hints
from tutor.report import VERDICT_WORDS
from tutor.tui import messages
from tutor.tui.course import lesson_of, next_exercise
from tutor.tui.screens.base import TutorScreen
from tutor.tui.widgets.editor import CodeEditor, DiffArea, code_theme
from tutor.tui.widgets.exercise_instructions import Instructions
from tutor.tui.widgets.footer import TutorFooter
from tutor.tui.widgets.results import GradeResults
from tutor.workspace import ensure_workspace_file, workspace_file

IDLE_AFTER_S = 300.0     # time spent stops counting this long after the last keystroke or grade
# Below either size the three panes do not fit side by side: one pane at a time, chosen by tabs.
COMPACT_BELOW = (100, 30)
PANES = ("instructions", "editor", "results")
LAST_RESULT_KEY = "last_result:{}"      # the store's kv key holding an exercise's last grade (JSON)


def ago(seconds: float) -> str:
    """'just now', '5 min ago', '3 h ago', '2 days ago': when a restored grade was made."""
    if seconds < 60:
        return _("just now")
    if seconds < 3600:
        return _("{count} min ago").format(count=int(seconds // 60))
    if seconds < 86400:
        return _("{count} h ago").format(count=int(seconds // 3600))
    days = int(seconds // 86400)
    return ngettext("{count} day ago", "{count} days ago", days).format(count=days)


class GiveUpScreen(ModalScreen[bool]):
    """'Give up and see the model solution?' — yes / no."""

    BINDINGS = [
        Binding("y", "answer(True)", N_("Yes, show it"), id="give_up.yes"),
        Binding("n,escape", "answer(False)", N_("No, keep trying"), id="give_up.no"),
    ]

    def __init__(self, exercise: Exercise) -> None:
        super().__init__()
        self.exercise = exercise

    def compose(self) -> ComposeResult:
        with Vertical(id="give-up-dialog"):
            yield Label(_("Give up and see the model solution?"), id="give-up-title")
            yield Static(Text(_("You have not passed {exercise} yet. Seeing the solution now is recorded as giving "
                                "up; you can still finish the exercise afterwards. A hint (F2) may be all you "
                                "need.").format(exercise=self.exercise.id)), id="give-up-text")
            with Horizontal(id="give-up-buttons"):
                yield Button(_("Show the solution (y)"), id="give-up-yes", variant="warning")
                yield Button(_("Keep trying (n)"), id="give-up-no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#give-up-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "give-up-yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class SolutionScreen(TutorScreen):
    """The learner's code and the model solution, read-only, side by side (stacked on a narrow
    terminal), the lines where they differ highlighted in both."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [Binding("escape,q", "app.pop_screen", N_("Back to the exercise"), id="solution.back")]

    def __init__(self, exercise: Exercise, learner_code: str) -> None:
        super().__init__()
        self.exercise = exercise
        self.learner_code = learner_code
        self.model_code = exercise.solution.read_text(encoding="utf-8")

    def compose(self) -> ComposeResult:
        yield Header()
        mine = DiffArea(self.learner_code, self.model_code, colour="error-muted", id="solution-mine",
                        theme=code_theme(self.app))
        model = DiffArea(self.model_code, self.learner_code, colour="success-muted", id="solution-model",
                         theme=code_theme(self.app))
        with Horizontal(id="solution-panes"):
            with Vertical(classes="solution-pane"):
                yield Label(self._label(_("Your code"), len(mine.changed), "-mine"), classes="solution-label")
                yield mine
            with Vertical(classes="solution-pane"):
                yield Label(self._label(_("Model solution"), len(model.changed), "-model"), classes="solution-label")
                yield model
        yield TutorFooter()

    @staticmethod
    def _label(title: str, changed: int, which: str) -> str:
        if changed == 0:
            return _("{title} — the same lines").format(title=title)
        if which == "-mine":
            return _("{title} — {count} highlighted line(s) differ from the model").format(title=title, count=changed)
        return _("{title} — {count} highlighted line(s) differ from yours").format(title=title, count=changed)

    def on_mount(self) -> None:
        self.sub_title = _("{title} — model solution").format(title=self.exercise.title)
        self.query_one("#solution-model", TextArea).focus()


@dataclass
class Graded(Message):
    """A grade ended: the service's reply (a result, {"cancelled": True} or {"error": …}), or the
    error that kept the grader from answering. `number` tells a stale grade from the current one."""
    number: int
    reply: dict | None = None
    error: str | None = None


class ExerciseScreen(TutorScreen):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (140, "-wide")]
    BINDINGS = [
        Binding("ctrl+r", "grade", N_("Grade"), priority=True,
                tooltip=N_("Save, then grade your file (the screen stays responsive; escape cancels)"), id="exercise.grade"),
        Binding("f5", "grade", N_("Grade"), show=False, priority=True, tooltip=N_("Grade, as ctrl+r"), id="exercise.grade_f5"),
        Binding("f2", "hint", N_("Hint"), priority=True, tooltip=N_("Reveal the next hint (it is recorded)"), id="exercise.hint"),
        Binding("ctrl+h", "hint", N_("Hint"), show=False, priority=True,
                tooltip=N_("Hint, as F2 (where the terminal sends ctrl+h as backspace, use F2)"), id="exercise.hint_ctrl_h"),
        Binding("h", "hint", N_("Hint"), show=False, tooltip=N_("Reveal the next hint, when the editor is not focused"), id="exercise.hint_h"),
        Binding("ctrl+o", "solution", N_("Solution"), priority=True,
                tooltip=N_("The model solution beside your code: after a pass, or once you confirm giving up"), id="exercise.solution"),
        Binding("ctrl+s", "save", N_("Save"), priority=True, show=False,
                tooltip=N_("Save now (edits are saved half a second after you stop typing anyway)"), id="exercise.save"),
        Binding("ctrl+e", "external_editor", N_("$EDITOR"), priority=True,
                tooltip=N_("Edit the file in $EDITOR; it is reloaded when you come back"), id="exercise.external_editor"),
        Binding("f4", "zoom", N_("Zoom pane"), show=False, tooltip=N_("The focused pane fills the screen (again: back)"), id="exercise.zoom"),
        Binding("n", "next_exercise", N_("Next"), tooltip=N_("After a pass: the next exercise in course order"), id="exercise.next_exercise"),
        Binding("alt+1", "show_pane('instructions')", N_("Instructions"), show=False, priority=True,
                tooltip=N_("Jump to the instructions (1 outside the editor)"), id="exercise.pane_instructions_alt"),
        Binding("alt+2", "show_pane('editor')", N_("Code"), show=False, priority=True,
                tooltip=N_("Jump to your code (2 outside the editor)"), id="exercise.pane_code_alt"),
        Binding("alt+3", "show_pane('results')", N_("Results"), show=False, priority=True,
                tooltip=N_("Jump to the results (3 outside the editor)"), id="exercise.pane_results_alt"),
        Binding("1", "show_pane('instructions')", N_("Instructions"), show=False, id="exercise.pane_instructions"),
        Binding("2", "show_pane('editor')", N_("Code"), show=False, id="exercise.pane_code"),
        Binding("3", "show_pane('results')", N_("Results"), show=False, id="exercise.pane_results"),
        Binding("escape", "escape", N_("Back"), priority=True,
                tooltip=N_("Cancel a running grade; else leave the editor; else go back"), id="exercise.back"),
    ]

    def __init__(self, exercise: Exercise, seed: int | None = None) -> None:
        super().__init__()
        self.exercise = exercise
        self.seed = seed                      # None: a fresh random seed each grade (tests fix it)
        self.open_error: str | None = None
        try:
            self.path = ensure_workspace_file(exercise)
        except OSError as exc:             # e.g. a read-only $DLTUTOR_HOME: say so, do not crash the app
            self.path = workspace_file(exercise.id)
            self.open_error = _("Cannot create your file {path}: {reason}").format(path=self.path,
                                                                                     reason=exc.strerror or exc)
        self.grading = False
        self.passed = False
        self.last_result: dict | None = None
        self.last_reply: dict | None = None     # the service's last answer, even for a cancelled grade
        self.grades_finished = 0                # grades that ended with something shown (tests wait on it)
        self._grade_number = 0                  # the current grade's number (Graded messages carry theirs)
        self._grade_worker: Worker | None = None
        self._active_since: float | None = None
        self._last_activity = time.monotonic()

    # -- layout ---------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        state = self.app.store.exercise_state(self.exercise.id)
        self.passed = state.solved
        yield Header()
        if self.open_error:
            yield Static(Text(self.open_error), id="exercise-error")
            yield TutorFooter()
            return
        # A grid: on a wide terminal three columns (instructions | editor | results); narrower, the
        # editor keeps the right-hand side and instructions sit over results; on a small terminal
        # (80×24) one pane at a time, picked with the tabs (see app.tcss).
        yield Tabs(Tab("1 " + _("Instructions"), id="tab-instructions"), Tab("2 " + _("Code"), id="tab-editor"),
                   Tab("3 " + _("Results"), id="tab-results"), active="tab-editor", id="pane-tabs")
        with Grid(id="exercise-body"):
            yield Instructions(self.exercise, shown_hints(self.app.store, self.exercise), id="instructions")
            yield CodeEditor(self.path, id="editor")
            yield GradeResults(self.exercise, id="results")
        yield TutorFooter()

    def on_mount(self) -> None:
        self.sub_title = self.exercise.title
        if self.open_error:
            self.notify(self.open_error, severity="error", timeout=10)
            return
        self._label_panes()
        self._fit(self.app.size.width, self.app.size.height)
        self._bring_forward("editor")
        self.query_one("#code", TextArea).focus()
        self._active_since = time.monotonic()
        self.restore_last_result()

    def _label_panes(self) -> None:
        for pane, number, label in (("instructions", 1, _("Instructions")), ("editor", 2, _("Code")),
                                    ("results", 3, _("Results"))):
            self.query_one(f"#tab-{pane}", Tab).label = f"{number} {label}"
        self.query_one("#instructions").border_title = _("Instructions")
        self.query_one("#results").border_title = _("Results")
        self.query_one("#code", TextArea).border_title = _("Code")

    def relabel(self) -> None:
        """The exercise in the language now in force: its text, the panes' names, the last grade."""
        if self.open_error:
            return
        self.exercise = self.app.catalog.exercise(self.exercise.id)
        self.sub_title = self.exercise.title
        self._label_panes()
        instructions = self.query_one(Instructions)
        instructions.exercise = self.exercise
        self.call_later(instructions.recompose)
        self.results.exercise = self.exercise
        if self.last_result is not None:
            self.results.show(self.last_result, next_step=self._next_step_text())
        else:
            self.results.relabel()

    @property
    def editor(self) -> CodeEditor:
        return self.query_one("#editor", CodeEditor)

    @property
    def results(self) -> GradeResults:
        return self.query_one("#results", GradeResults)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Without the learner's file only "back" makes sense.
        if self.open_error:
            return action == "escape"
        if action == "next_exercise":        # in the footer (and active) once passed
            return self.passed and self._next_target() is not None
        return True

    # -- the panes: side by side, or one at a time on a small terminal ------------------------------
    @property
    def compact(self) -> bool:
        return self.has_class("-compact")

    def on_resize(self, event) -> None:
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int) -> None:
        compact = width < COMPACT_BELOW[0] or height < COMPACT_BELOW[1]
        if compact == self.compact:
            return
        self.set_class(compact, "-compact")
        if compact:
            self._bring_forward(self._pane_of(self.focused) or "editor")

    def _pane(self, name: str) -> Widget:
        return self.query_one(f"#{name}")

    def _pane_of(self, widget: DOMNode | None) -> str | None:
        while widget is not None:
            if widget.id in PANES and widget.parent is not None and widget.parent.id == "exercise-body":
                return widget.id
            widget = widget.parent
        return None

    def _bring_forward(self, name: str) -> None:
        """In the compact layout, show pane `name` (and select its tab)."""
        for pane in PANES:
            self._pane(pane).set_class(pane == name, "-front")
        self.query_one("#exercise-body").refresh(layout=True)
        tabs = self.query_one("#pane-tabs", Tabs)
        if tabs.active != f"tab-{name}":
            tabs.active = f"tab-{name}"

    def action_show_pane(self, name: str) -> None:
        """Jump to a pane (and, on a small terminal, show it)."""
        self._bring_forward(name)
        targets = {"instructions": "#instructions", "editor": "#code", "results": "#result-details"}
        self.query_one(targets[name]).focus()

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        event.stop()
        if event.tab.id != event.tabs.active:
            # A stale message: another pane was brought forward since. Acting on it would bring
            # this one back, whose own message would then bring the other back, for ever.
            return
        name = (event.tab.id or "").removeprefix("tab-")
        if name in PANES and not self._pane(name).has_class("-front"):
            self.action_show_pane(name)

    def on_descendant_focus(self, event) -> None:
        pane = self._pane_of(event.widget)
        if pane is not None and not self._pane(pane).has_class("-front"):
            self._bring_forward(pane)

    # -- time spent -------------------------------------------------------------------------------
    def _touch(self) -> None:
        self._last_activity = time.monotonic()

    def _flush_time(self) -> None:
        """Add the time since the last flush, not counting a long idle stretch."""
        if self._active_since is None:
            return
        now = time.monotonic()
        end = min(now, self._last_activity + IDLE_AFTER_S)
        seconds = end - self._active_since
        self._active_since = now
        if seconds > 0.5:
            try:
                self.app.store.add_time(self.exercise.id, seconds)
            except Exception as exc:       # a locked database must not break the screen
                self.notify(_("could not record time spent: {error}").format(error=exc), severity="warning")

    def on_screen_suspend(self) -> None:
        if not self.open_error:
            self.editor.save()
        self._flush_time()
        self._active_since = None

    def on_screen_resume(self) -> None:
        if self._active_since is None:
            self._active_since = time.monotonic()
        self._touch()

    def on_unmount(self) -> None:
        if self.grading:
            self.app.grading.cancel()
        self._flush_time()

    def on_key(self) -> None:
        self._touch()

    # -- the editor's news ------------------------------------------------------------------------
    def on_code_editor_edited(self) -> None:
        self._touch()

    def on_code_editor_reloaded(self) -> None:
        self.notify(_("{name} changed on disk: reloaded.").format(name=self.path.name), timeout=3)

    def on_code_editor_conflict(self) -> None:
        self.notify(_("{name} changed on disk while you were editing: kept your version (it will be saved over "
                      "the file).").format(name=self.path.name), severity="warning", timeout=8)

    # -- actions --------------------------------------------------------------------------------
    def action_save(self) -> None:
        if self.editor.sync():
            self.notify(_("Saved {name}.").format(name=self.path.name), timeout=2)
        else:
            self.notify(self.editor.save_error or _("could not save"), severity="error")

    def action_zoom(self) -> None:
        """The pane holding the focus fills the screen (again: back to three panes)."""
        if self.maximized is not None:
            self.minimize()
            return
        for pane in (self.query_one("#instructions"), self.editor, self.results):
            if self.focused is not None and (self.focused is pane or pane in self.focused.ancestors):
                self.maximize(pane, container=False)
                return

    def action_escape(self) -> None:
        if self.open_error:
            self.app.pop_screen()
        elif self.maximized is not None:
            self.minimize()
        elif self.grading:
            self.cancel_grade()
        elif self.focused is self.query_one("#code", TextArea):
            # Leave the editor (so single-letter keys work) before leaving the screen; on a small
            # terminal the code stays in view and the tabs take the focus.
            self.query_one("#pane-tabs" if self.compact else "#result-details").focus()
        else:
            self.app.pop_screen()

    def action_grade(self) -> None:
        self._touch()
        if self.grading:
            self.notify(_("Already grading — escape cancels."), timeout=2)
            return
        if not self.editor.sync():
            self.notify(self.editor.save_error or _("could not save"), severity="error")
            return
        self.grading = True
        self._grade_number += 1
        service = self.app.grading
        starting = not service.ready
        self.results.show_grading(_("Starting the grader… (loading torch, a few seconds the first time)")
                                  if starting else _("Grading…  (escape cancels)"))
        if self.compact:
            # One pane at a time: what the grader is doing (and a cancel) must be in sight, not in
            # the hidden results pane; the grade's result comes forward there anyway.
            self.action_show_pane("results")
        self._grade_worker = self._grade(service, self.exercise.id, self.path, self.seed, self._grade_number)

    @work(thread=True, exclusive=True, group="grade", exit_on_error=False)
    def _grade(self, service, exercise_id: str, path: Path, seed: int | None, number: int) -> None:
        """In a worker thread: blocks on the grading service, then posts what it said."""
        try:
            reply = service.grade(exercise_id, path, seed=seed)
        except Exception as exc:           # the service broke: say so on the screen, keep the app
            self.post_message(Graded(number, error=f"{type(exc).__name__}: {exc}"))
        else:
            self.post_message(Graded(number, reply=reply))

    def cancel_grade(self) -> None:
        self.app.grading.cancel()
        if self._grade_worker is not None:
            self._grade_worker.cancel()
        self.grading = False
        self.results.show_message(_("Cancelled"), _("Grading was cancelled. ctrl+r grades again."), "-idle")
        self.notify(_("Grading cancelled."), timeout=2)

    @on(Graded)
    def _graded(self, message: Graded) -> None:
        self.last_reply = message.reply
        if message.number != self._grade_number or not self.grading:
            return                         # a cancelled grade's late answer: already said "Cancelled"
        self.grading = False
        if message.error is not None:
            self.results.show_message(_("FAIL (could not grade)"),
                                      _("The grader failed: {error}").format(error=message.error), "-error")
        else:
            self.show_result(message.reply or {})
        self.grades_finished += 1

    def show_result(self, result: dict) -> None:
        if result.get("cancelled"):
            self.results.show_message(_("Cancelled"), _("Grading was cancelled. ctrl+r grades again."), "-idle")
            return
        if "error" in result and "status" not in result:
            self.results.show_message(_("FAIL (could not grade)"), str(result["error"]), "-error")
            return
        self.last_result = result
        try:
            self.app.store.put(LAST_RESULT_KEY.format(self.exercise.id), json.dumps({"ts": time.time(), "result": result}))
        except Exception:                  # only a convenience: the attempt below is what counts
            pass
        failed = [t for t in result.get("tests", []) if t.get("status") not in ("pass", "skipped")]
        mistake = next((t.get("mistake") for t in result.get("tests", []) if t.get("mistake")), None)
        store = self.app.store
        note = ""
        try:
            store.record_attempt(self.exercise.id, result["status"], result.get("duration_s"), result.get("seed"),
                                 len(failed), mistake, source="tui")
            self._flush_time()
            note = _("attempt {number}").format(number=store.exercise_state(self.exercise.id).attempts)
        except Exception as exc:
            self.notify(_("could not record the attempt: {error}").format(error=exc), severity="warning")
        if result["status"] == "pass":
            self.passed = True
        # The results come forward: on a small terminal they replace the code; after a pass the
        # focus leaves the editor, so `n` opens the next exercise.
        if self.compact or result["status"] == "pass":
            self.action_show_pane("results")
        self.results.show(result, note=note, next_step=self._next_step_text())
        self.refresh_bindings()
        self.post_message(messages.ProgressChanged(self.exercise.id))

    # -- the last grade, and what comes next ------------------------------------------------------
    def restore_last_result(self) -> None:
        """Reopened: show the last grade (the app's own, in full), or the last attempt's summary
        when the last grade was made elsewhere (`dltutor check`)."""
        store = self.app.store
        attempts = store.attempts(self.exercise.id)
        if not attempts:
            return
        last = attempts[-1]
        saved = None
        try:
            saved = json.loads(store.get(LAST_RESULT_KEY.format(self.exercise.id)) or "null")
        except ValueError:
            pass
        when = ago(max(0.0, time.time() - last["ts"]))
        if saved and abs(saved.get("ts", 0) - last["ts"]) < 5 and isinstance(saved.get("result"), dict):
            self.last_result = saved["result"]
            self.results.show(saved["result"], note=_("your last grade, {when}").format(when=when),
                              next_step=self._next_step_text())
            return
        passed = last["status"] == "pass"
        command = {"cli": "check", "watch": "watch"}.get(last["source"])
        detail = [_("graded {when} with 'dltutor {command}'").format(when=when, command=command) if command else
                  _("graded {when}").format(when=when)]
        if last["failed_tests"]:
            detail.append(ngettext("{count} check failed", "{count} checks failed", last["failed_tests"]).format(
                count=last["failed_tests"]))
        if last["mistake"]:
            known = self.exercise.mistakes.get(last["mistake"])
            detail.append(_("classic mistake: {title}").format(title=known.title if known else last["mistake"]))
        css = "-pass" if passed else "-fail"
        word = _(VERDICT_WORDS["pass"] if passed else VERDICT_WORDS["fail"])
        self.results.show_message(_("{verdict}  (last grade)").format(verdict=word),
                                  _("; ").join(detail) + _(". ctrl+r grades again for the details."),
                                  css)

    def _next_target(self):
        """What `n` opens after a pass: the next exercise in course order, else the lesson's quiz."""
        following = next_exercise(self.app.catalog, self.exercise.id)
        if following is not None:
            return following
        lesson = lesson_of(self.app.catalog, self.exercise.id)
        if lesson is not None and lesson.quiz_path is not None:
            return lesson
        return None

    def _next_step_text(self) -> str:
        target = self._next_target()
        if isinstance(target, Exercise):
            return _("Next: press n for {title}").format(title=target.title)
        if target is not None:
            return _("Next: press n for the quiz on {title}").format(title=target.title)
        return _("That was the last exercise of the course.")

    def action_next_exercise(self) -> None:
        target = self._next_target()
        if not self.passed or target is None:
            return
        self.editor.save()
        # This exercise is done: the next one takes its place (escape there goes where this one would).
        app = self.app
        app.pop_screen()
        if isinstance(target, Exercise):
            app.open_exercise(target.id)
        else:
            app.open_quiz(target.id)

    def action_hint(self) -> None:
        self._touch()
        instructions = self.query_one("#instructions", Instructions)
        shown, new = reveal_next_hint(self.app.store, self.exercise)
        instructions.show_hints(shown)
        if new is None:
            self.notify(_("No more hints. ctrl+o shows the model solution."), timeout=4)
        else:
            if self.compact:
                # One pane at a time: the hint lives at the end of the instructions, so show them
                # (the pane scrolls to the new hint); 2 (or alt+2) goes back to the code.
                self.action_show_pane("instructions")
            self.notify(_("{hint} is below the instructions.").format(hint=new.label), timeout=3)
            self.post_message(messages.ProgressChanged(self.exercise.id))

    def action_solution(self) -> None:
        self._touch()
        if self.passed or self.app.store.exercise_state(self.exercise.id).solved:
            self._show_solution(gave_up=False)
            return

        def answered(give_up: bool | None) -> None:
            if give_up:
                self._show_solution(gave_up=True)

        self.app.push_screen(GiveUpScreen(self.exercise), answered)

    def _show_solution(self, gave_up: bool) -> None:
        self.app.store.reveal_solution(self.exercise.id, gave_up=gave_up)
        self.post_message(messages.ProgressChanged(self.exercise.id))
        self.app.push_screen(SolutionScreen(self.exercise, self.editor.text))

    def action_external_editor(self) -> None:
        from tutor.external_editor import editor_argv

        argv = editor_argv()
        if not argv:
            self.notify(_("Set $EDITOR to your editor (e.g. export EDITOR=vim) to use ctrl+e."), severity="warning")
            return
        if not self.editor.sync():
            self.notify(self.editor.save_error or _("could not save"), severity="error")
            return
        from textual.app import SuspendNotSupported

        try:
            with self.app.suspend():
                try:
                    subprocess.call([*argv, str(self.path)])
                except OSError as exc:
                    failure: str | None = _("could not start {program}: {reason}").format(
                        program=argv[0], reason=exc.strerror or exc)
                else:
                    failure = None
        except SuspendNotSupported:
            self.notify(_("This terminal cannot hand over to another program; edit {path} in another window "
                          "instead (changes are picked up).").format(path=self.path), severity="warning", timeout=8)
            return
        if failure:
            self.notify(failure, severity="error")
        self.editor.check_disk()
        self._touch()
