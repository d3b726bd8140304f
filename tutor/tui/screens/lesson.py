"""The lesson reader: one short section at a time, position and reading time saved on every move."""
from __future__ import annotations

import time

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Header, Markdown, Static

from tutor.content import Lesson
from tutor.content.lessons import _fence_change
from tutor.i18n.catalog import N_, _
from tutor.tui import messages
from tutor.tui.screens.base import TutorScreen
from tutor.tui.widgets.footer import TutorFooter

# Time on one section counts at most this much: a learner who walked away is not reading.
MAX_SECONDS_PER_MOVE = 600.0


def label_bare_fences(body: str) -> str:
    """Give every code fence without a language the language "text".

    Textual's Markdown guesses the language of a bare fence with pygments' guess_lexer, which
    tries every lexer: most of the time it took to show a section went there. Lessons use bare
    fences for formulas and tables of numbers, which are plain text anyway. (The fence grammar
    is the lesson loader's, so both agree on where a block starts and ends.)
    """
    lines = []
    fence: str | None = None
    for line in body.splitlines():
        opened = fence is None
        fence, is_fence = _fence_change(line, fence)
        if is_fence and opened and not line.strip().lstrip("`~").strip():
            line = line.rstrip() + "text"
        lines.append(line)
    return "\n".join(lines) + ("\n" if body.endswith("\n") else "")


class LessonScreen(TutorScreen):
    BINDINGS = [
        # Priority: the scrolling reader would otherwise take left/right for sideways scrolling.
        Binding("right", "next", N_("Next section"), priority=True, show=False,
                tooltip=N_("Next section (stops at the last)"), id="lesson.next_section"),
        Binding("n", "onward", N_("Next"), priority=True,
                tooltip=N_("Next section; after the last, the lesson's quiz, then the next lesson"), id="lesson.next"),
        Binding("space", "page", N_("Page"), show=False, priority=True,
                tooltip=N_("A page down; at the end of a section, on as n"), id="lesson.page"),
        Binding("left,p", "previous", N_("Previous"), priority=True, tooltip=N_("Previous section"), id="lesson.previous"),
        Binding("e", "exercise", N_("Exercise"), tooltip=N_("Open this lesson's next exercise"), id="lesson.exercise"),
        Binding("d", "demo", N_("Demo"), tooltip=N_("Open this lesson's demo"), id="lesson.demo"),
        Binding("k", "quiz", N_("Quiz"), tooltip=N_("Take this lesson's quiz"), id="lesson.quiz"),
        Binding("escape", "app.pop_screen", N_("Back"), tooltip=N_("Back to the previous screen"), id="lesson.back"),
    ]

    def __init__(self, lesson: Lesson, section: int | None = None) -> None:
        super().__init__()
        self.lesson = lesson
        self.requested = section
        self.index = 0
        self._since = time.monotonic()

    @property
    def last(self) -> int:
        return len(self.lesson.sections) - 1

    @property
    def next_lesson(self) -> Lesson | None:
        lessons = self.app.catalog.lessons
        ids = [lesson.id for lesson in lessons]
        index = ids.index(self.lesson.id) if self.lesson.id in ids else len(ids)
        return lessons[index + 1] if index + 1 < len(lessons) else None

    def after_the_last_section(self) -> tuple[str, str] | None:
        """What `n` opens past the last section: the lesson's quiz until it is taken, then the
        next lesson. (kind, target) or None at the end of the course."""
        from tutor.tui.course import quiz_taken

        if self.lesson.quiz_path is not None and not quiz_taken(self.app.store, self.lesson.id):
            return "quiz", self.lesson.id
        following = self.next_lesson
        return ("lesson", following.id) if following is not None else None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="reader"):
            yield Markdown(id="section", open_links=False)
            # One link per line: a row of them would run off an 80-column terminal.
            with Vertical(id="lesson-links"):
                yield Static(_("Practice"), id="lesson-links-title")
                for exercise in self.app.catalog.lesson_exercises(self.lesson):
                    yield Button("▶ " + _("Exercise: {title}").format(title=exercise.title),
                                 name=f"exercise:{exercise.id}", compact=True)
                if self.lesson.demo:
                    yield Button("▶ " + _("Demo: {name}").format(name=self.lesson.demo), name=f"demo:{self.lesson.demo}",
                                 compact=True)
                if self.lesson.quiz_path is not None:
                    yield Button("▶ " + _("Quiz"), name=f"quiz:{self.lesson.id}", compact=True)
                following = self.next_lesson
                if following is not None:
                    yield Button("▶ " + _("Next lesson: {title}").format(title=following.title),
                                 name=f"lesson:{following.id}", compact=True)
                yield Static("", id="lesson-next")
        yield TutorFooter()

    def on_mount(self) -> None:
        saved = self.app.store.lesson_positions().get(self.lesson.id)
        start = self.requested if self.requested is not None else (saved["section"] if saved else 0)
        self.index = max(0, min(start, self.last))
        self.query_one("#reader").focus()
        self._show()

    def relabel(self) -> None:
        """The lesson and its links again, in the language now in force (same section)."""
        self.lesson = self.app.catalog.lesson(self.lesson.id)
        self.call_later(self._recompose_and_show)

    async def _recompose_and_show(self) -> None:
        await self.recompose()
        self.query_one("#reader").focus()
        self._show()

    # -- moving ---------------------------------------------------------------------------------
    def action_next(self) -> None:
        if self.index < self.last:
            self.index += 1
            self._show()

    def action_page(self) -> None:
        reader = self.query_one("#reader", VerticalScroll)
        if reader.scroll_y < reader.max_scroll_y:
            reader.scroll_page_down(animate=False)
        else:
            self.action_onward()

    def action_onward(self) -> None:
        """The next section; past the last one, what comes next in the course."""
        if self.index < self.last:
            self.action_next()
            return
        step = self.after_the_last_section()
        if step is None:
            self.notify(_("That was the last section of the course."))
        elif step[0] == "quiz":
            self.post_message(messages.OpenQuiz(step[1]))
        else:
            self.post_message(messages.OpenLesson(step[1]))

    def action_previous(self) -> None:
        if self.index > 0:
            self.index -= 1
            self._show()

    def go_to(self, section: int) -> None:
        """Show section `section` (0-based, clamped to the lesson)."""
        self.index = max(0, min(section, self.last))
        self._show()

    def _show(self) -> None:
        section = self.lesson.sections[self.index]
        body = section.body
        if not body.lstrip().startswith("#"):
            # The opening section has no heading of its own: the lesson's title is in the front matter.
            body = f"# {section.title}\n\n{body}"
        self.query_one("#section", Markdown).update(label_bare_fences(body))
        self.query_one("#lesson-links").display = self.index == self.last and bool(self.query("#lesson-links Button"))
        self._show_next_step()
        self.query_one("#reader", VerticalScroll).scroll_home(animate=False)
        # "§ i/n" first: on a narrow terminal the header cuts the end of a long title, not this.
        self.sub_title = f"§ {self.index + 1}/{len(self.lesson.sections)} · {self.lesson.title}"
        self._save()

    def _show_next_step(self) -> None:
        step = self.after_the_last_section() if self.index == self.last else None
        if step is None:
            text = "" if self.index < self.last else _("That is the end of the course.")
        elif step[0] == "quiz":
            text = _("Next: n takes this lesson's quiz.")
        else:
            text = _("Next: n opens the next lesson, {title}.").format(title=self.app.catalog.lesson(step[1]).title)
        self.query_one("#lesson-next", Static).update(text)

    def on_screen_resume(self) -> None:
        self._since = time.monotonic()     # time spent on another screen is not reading time
        self._show_next_step()             # a quiz taken meanwhile moves the next step on

    def _save(self) -> None:
        """Record the position and the time since the last save (every move, and on leaving)."""
        now = time.monotonic()
        spent = min(now - self._since, MAX_SECONDS_PER_MOVE)
        self._since = now
        self.app.store.set_lesson_position(self.lesson.id, self.index, len(self.lesson.sections), add_seconds=spent)

    def on_screen_suspend(self) -> None:
        self._save()

    def on_unmount(self) -> None:
        self._save()

    # -- links to the lesson's exercises, demo and quiz ------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Keys for things this lesson does not have stay out of the footer.
        if action == "exercise":
            return bool(self.app.catalog.lesson_exercises(self.lesson))
        if action == "demo":
            return self.lesson.demo is not None
        if action == "quiz":
            return self.lesson.quiz_path is not None
        return True

    def action_exercise(self) -> None:
        """The first exercise of this lesson not yet passed (or the first, when all are)."""
        exercises = self.app.catalog.lesson_exercises(self.lesson)
        if not exercises:
            self.notify(_("This lesson has no exercises."))
            return
        states = self.app.store.exercise_states()
        todo = [e for e in exercises if not (e.id in states and states[e.id].solved)]
        self.post_message(messages.OpenExercise((todo or exercises)[0].id))

    def action_demo(self) -> None:
        if self.lesson.demo:
            self.post_message(messages.OpenDemo(self.lesson.demo))
        else:
            self.notify(_("This lesson has no demo."))

    def action_quiz(self) -> None:
        if self.lesson.quiz_path is not None:
            self.post_message(messages.OpenQuiz(self.lesson.id))
        else:
            self.notify(_("This lesson has no quiz yet."))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        kind, _, target = (event.button.name or "").partition(":")
        if kind == "exercise":
            self.post_message(messages.OpenExercise(target))
        elif kind == "demo":
            self.post_message(messages.OpenDemo(target))
        elif kind == "quiz":
            self.post_message(messages.OpenQuiz(target))
        elif kind == "lesson":
            self.post_message(messages.OpenLesson(target))

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        """A link to a lesson or exercise id opens it; a web address opens in the browser."""
        href = event.href.strip()
        target = href.split(":", 1)[1] if href.startswith(("exercise:", "lesson:")) else href
        try:
            item = self.app.catalog.resolve(target)
        except KeyError:
            if href.startswith(("http://", "https://")):
                self.app.open_url(href)
            else:
                self.notify(_("Unknown link {href!r}.").format(href=href), severity="warning")
            return
        if isinstance(item, Lesson):
            self.post_message(messages.OpenLesson(item.id))
        else:
            self.post_message(messages.OpenExercise(item.id))
