"""The dltutor Textual app (first slice: the curriculum and a lesson reader)."""
from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown, OptionList
from textual.widgets.option_list import Option

from tutor.content import Lesson, shipped_catalog


class LessonScreen(Screen):
    BINDINGS = [
        Binding("right,n", "next", "Next"),
        Binding("left,p", "previous", "Previous"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, lesson: Lesson) -> None:
        super().__init__()
        self.lesson = lesson
        self.index = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Markdown(self.lesson.sections[0].body, id="section")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{self.lesson.title} — 1/{len(self.lesson.sections)}"

    def _show(self) -> None:
        self.query_one("#section", Markdown).update(self.lesson.sections[self.index].body)
        self.sub_title = f"{self.lesson.title} — {self.index + 1}/{len(self.lesson.sections)}"

    def action_next(self) -> None:
        if self.index + 1 < len(self.lesson.sections):
            self.index += 1
            self._show()

    def action_previous(self) -> None:
        if self.index > 0:
            self.index -= 1
            self._show()


class HomeScreen(Screen):
    def compose(self) -> ComposeResult:
        yield Header()
        catalog = shipped_catalog()
        yield OptionList(*[Option(f"{l.order:2d}. {l.title}", id=l.id) for l in catalog.lessons], id="lessons")
        yield Footer()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.app.push_screen(LessonScreen(shipped_catalog().lesson(event.option.id)))


class DLTutorApp(App):
    TITLE = "dltutor"
    BINDINGS = [Binding("q", "quit", "Quit")]

    def __init__(self, start: str | None = None) -> None:
        super().__init__()
        self.start = start

    def on_mount(self) -> None:
        self.push_screen(HomeScreen())
        if self.start:
            item = shipped_catalog().resolve(self.start)
            if isinstance(item, Lesson):
                self.push_screen(LessonScreen(item))
