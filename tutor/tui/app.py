"""The dltutor Textual app: a shell that owns the engines and opens screens.

Start-up stays light: this module imports the content loader, the progress store, the grading
*client* (no torch) and the Home screen; every other screen is imported when first opened.
The grading service (which imports torch, in its own process) starts after the first frame.
"""
from __future__ import annotations

import atexit
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tutor.content import ContentError, Exercise, Lesson, shipped_catalog
from tutor.grading.client import GradingService
from tutor.i18n.catalog import N_, _, ngettext
from tutor.i18n.wrap import install_cjk_line_breaks
from tutor.progress.store import open_store
from tutor.quiz import REVIEW_LIMIT
from tutor.tui import messages
from tutor.tui.alt_keys import read_escape_digit_as_alt
from tutor.tui.screens.home import HomeScreen
from tutor.tui.widgets.footer import TutorFooter

if TYPE_CHECKING:
    from tutor.content import Question
    from tutor.quiz.scheduler import QueueItem

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"
THEME_KEY = "theme"                # the store's kv key that remembers the learner's theme


def _stop_quietly(run: Any) -> None:
    stop = getattr(run, "stop", None)
    if stop is not None:
        try:
            stop()
        except Exception:        # a demo that already ended must not block quitting
            pass


def saved_keymap() -> dict[str, str]:
    """The learner's own keys: the [keys] table of $DLTUTOR_HOME/settings.toml, binding id -> keys,
    e.g. `[keys.exercise]` `grade = "f9"` (the README's key table lists the ids).
    An unreadable file changes nothing: the default keys stay."""
    import tomllib

    from tutor import paths

    try:
        data = tomllib.loads((paths.home() / "settings.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return {}
    keymap: dict[str, str] = {}

    def walk(table: dict, prefix: str) -> None:
        for name, value in table.items():
            if isinstance(value, dict):
                walk(value, f"{prefix}{name}.")
            elif isinstance(value, str):
                keymap[f"{prefix}{name}"] = value

    keys = data.get("keys")
    if isinstance(keys, dict):
        walk(keys, "")
    return keymap


def _tutor_commands():
    """The command-palette provider, imported when the palette first opens (not on start-up)."""
    from tutor.tui.palette import TutorCommands

    return TutorCommands


class DLTutorApp(App):
    TITLE = "dltutor"
    SUB_TITLE = N_("deep learning, hands on")       # translated in __init__ and on a language switch
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {_tutor_commands}
    BINDINGS = [
        Binding("question_mark", "open_help", N_("Help"), key_display="?", tooltip=N_("This list of keys"), id="app.help"),
        Binding("ctrl+t", "toggle_theme", N_("Theme"), priority=True,
                tooltip=N_("Switch between the dark and the light theme (from any screen, the editor included)"),
                id="app.theme"),
    ]

    def __init__(self, start: str | None = None) -> None:
        install_cjk_line_breaks(in_textual=True)
        read_escape_digit_as_alt()               # alt+1/2/3 switch panes instead of typing "¡™£"
        super().__init__()
        self.sub_title = _(self.SUB_TITLE)
        self.start = start
        self.catalog = shipped_catalog()
        self.store = open_store()
        self.grading = GradingService()
        self.demo_runs: dict[str, Any] = {}          # demo name -> its run (a DemoProcess or a wrapper with stop())
        self._questions: list[Question] | None = None
        saved = self.store.get(THEME_KEY)
        self.theme = saved if saved in self.available_themes else DARK_THEME
        self.set_keymap(saved_keymap())
        atexit.register(self.stop_subprocesses)

    # -- life cycle ---------------------------------------------------------------------------
    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables, with warning, success and error text at WCAG AA contrast."""
        from tutor.tui.colours import readable_variables

        variables = readable_variables(super().get_css_variables())
        self.theme_variables = variables
        return variables

    def get_default_screen(self) -> Screen:
        return HomeScreen()

    def on_mount(self) -> None:
        # Themes picked in the command palette's theme list are remembered too.
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.start:
            self.open_item(self.start)
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        """What can wait until the learner sees the app: notices, and the warm grading service."""
        if self.store.notice:
            self.notify(self.store.notice, title=_("Progress database"), severity="warning", timeout=20)
        if self.catalog.errors:
            self.notify(ngettext("{count} content problem; run 'dltutor validate' to see it.",
                                 "{count} content problems; run 'dltutor validate' to see them.",
                                 len(self.catalog.errors)).format(count=len(self.catalog.errors)),
                        severity="warning")
        self.grading.start()

    def on_unmount(self) -> None:
        self.stop_subprocesses()
        atexit.unregister(self.stop_subprocesses)
        self.store.close()

    def stop_subprocesses(self) -> None:
        """Stop every demo and the grading service: quitting leaves no stray process. Safe to
        call twice (it also runs at interpreter exit, for a run that ended without unmounting)."""
        self.stop_demos()
        self.grading.close()

    def stop_demos(self) -> None:
        """Stop every running demo, all at once (each may take a grace period to unwind)."""
        runs = list(self.demo_runs.values())
        self.demo_runs.clear()
        stoppers = [threading.Thread(target=_stop_quietly, args=(run,), daemon=True) for run in runs]
        for thread in stoppers:
            thread.start()
        for thread in stoppers:
            thread.join(timeout=15)

    # -- opening things -------------------------------------------------------------------------
    def open_item(self, item_id: str) -> None:
        """A lesson (id or number) or an exercise, as `dltutor open ID`."""
        try:
            item = self.catalog.resolve(item_id)
        except KeyError as exc:
            self.notify(exc.args[0], severity="error")
            return
        if isinstance(item, Exercise):
            self.open_exercise(item.id)
        elif isinstance(item, Lesson):
            self.open_lesson(item.id)

    def open_lesson(self, lesson_id: str, section: int | None = None) -> None:
        from tutor.tui.screens.lesson import LessonScreen

        try:
            lesson = self.catalog.lesson(lesson_id)
        except KeyError as exc:
            self.notify(exc.args[0], severity="error")
            return
        top = self.screen
        if isinstance(top, LessonScreen) and top.lesson.id == lesson.id:
            if section is not None:
                top.go_to(section)
            return
        self._push(LessonScreen(lesson, section=section), lesson.id)

    def open_exercise(self, exercise_id: str) -> None:
        try:
            exercise = self.catalog.exercise(exercise_id)
        except KeyError as exc:
            self.notify(exc.args[0], severity="error")
            return
        from tutor.tui.screens.exercise import ExerciseScreen

        self._push(ExerciseScreen(exercise), exercise.id)

    def open_demo(self, name: str | None = None) -> None:
        from tutor.tui.screens.demo import DemoScreen

        self._push(DemoScreen(name), name)

    def open_quiz(self, lesson_id: str | None = None, review: bool = False) -> None:
        from tutor.tui.screens.quiz import QuizScreen

        if review:
            queue = self.review_queue()
            if not queue:
                self.notify(self._nothing_due_message(), title=_("Review"))
                return
            self._push(QuizScreen([item.question for item in queue[:REVIEW_LIMIT]], review=True), "review")
            return
        from tutor.quiz.session import default_quiz_lesson

        try:
            lesson = self.catalog.lesson(lesson_id) if lesson_id else default_quiz_lesson(self.catalog, self.store)
        except KeyError as exc:
            self.notify(exc.args[0], severity="error")
            return
        if lesson is None or lesson.quiz_path is None:
            self.notify(_("Lesson {title!r} has no quiz yet.").format(title=lesson.title) if lesson else
                        _("There are no quizzes yet."))
            return
        try:
            questions = self.catalog.quiz(lesson)
        except ContentError as exc:
            self.notify(str(exc), title=_("This quiz file is broken"), severity="error")
            return
        from tutor.tui.course import quiz_sitting

        sitting, left = quiz_sitting(questions, self.store)
        screen = QuizScreen(sitting, review=False, title=lesson.title)
        screen.left_after = left
        self._push(screen, lesson.id)

    def open_progress(self) -> None:
        from tutor.tui.screens.progress import ProgressScreen

        self._push(ProgressScreen(), None)

    def open_help(self) -> None:
        from tutor.tui.screens.help import HelpScreen

        self._push(HelpScreen(), None)

    def go_home(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    def _push(self, screen: Screen, item: str | None) -> None:
        """Push `screen`, unless the same screen for the same item is already on top."""
        top = self.screen
        if type(top) is type(screen) and getattr(top, "item_id", None) == item:
            return
        screen.item_id = item        # type: ignore[attr-defined]
        self.push_screen(screen)

    # -- reviews --------------------------------------------------------------------------------
    def course_questions(self) -> list[Question]:
        """Every question of the course (quiz files are read once per run)."""
        if self._questions is None:
            from tutor.quiz.scheduler import course_questions

            self._questions = course_questions(self.catalog, warn=lambda message: None)
        return self._questions

    def review_queue(self) -> list[QueueItem]:
        from tutor.quiz.scheduler import ReviewScheduler

        return ReviewScheduler(self.store).queue(self.course_questions())

    def _nothing_due_message(self) -> str:
        from tutor.quiz.scheduler import ReviewScheduler, describe_wait

        reviews = ReviewScheduler(self.store)
        upcoming = reviews.next_due(self.course_questions())
        if upcoming is None:
            return _("Nothing due, and no cards yet: take a lesson's quiz first.")
        return _("Nothing due; the next review is {when}.").format(when=describe_wait(upcoming, reviews.clock()))

    # -- messages from widgets and screens ---------------------------------------------------
    def on_open_lesson(self, message: messages.OpenLesson) -> None:
        self.open_lesson(message.lesson_id, message.section)

    def on_open_exercise(self, message: messages.OpenExercise) -> None:
        self.open_exercise(message.exercise_id)

    def on_open_demo(self, message: messages.OpenDemo) -> None:
        self.open_demo(message.name)

    def on_open_quiz(self, message: messages.OpenQuiz) -> None:
        self.open_quiz(message.lesson_id, message.review)

    # -- actions (keys and the command palette) ---------------------------------------------
    def action_open_help(self) -> None:
        from tutor.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.open_help()

    def action_open_progress(self) -> None:
        self.open_progress()

    def action_open_review(self) -> None:
        self.open_quiz(review=True)

    def action_open_quiz(self, lesson_id: str | None = None) -> None:
        self.open_quiz(lesson_id)

    def action_open_demo(self, name: str | None = None) -> None:
        self.open_demo(name)

    def action_go_home(self) -> None:
        self.go_home()

    def action_toggle_theme(self) -> None:
        light = self.theme == DARK_THEME
        self.theme = LIGHT_THEME if light else DARK_THEME
        # Said at once: on a long lesson the repaint can take a moment.
        self.notify(_("Light theme — ctrl+t switches back.") if light else _("Dark theme — ctrl+t switches back."),
                    timeout=2)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own palette entries (theme, quit, keys, screenshot…), in the learner's language."""
        for command in super().get_system_commands(screen):
            yield command._replace(title=_(command.title), help=_(command.help))

    # -- the language ---------------------------------------------------------------------------
    def action_toggle_language(self) -> None:
        """English <-> 中文, remembered for the next start (and for the CLI)."""
        from tutor.i18n import current_language, set_language

        set_language("en" if current_language() == "zh" else "zh", persist=True)
        self.apply_language()

    def apply_language(self) -> None:
        """Redraw every open screen in the language now in force: the course content is
        reloaded in it, and each screen re-renders its own words (`relabel`)."""
        self.catalog = shipped_catalog()
        self._questions = None
        self.sub_title = _(self.SUB_TITLE)
        for screen in self.screen_stack:
            relabel = getattr(screen, "relabel", None)
            if relabel is not None:
                relabel()
            for footer in screen.query(TutorFooter):
                footer.call_later(footer.recompose)     # in its own context: FooterKeys bind to it
            screen.refresh_bindings()
        self.notify(_("Language: English"), timeout=3)

    def _remember_theme(self, theme) -> None:
        if self.store.get(THEME_KEY) != theme.name:
            self.store.put(THEME_KEY, theme.name)
