"""Help: every key of every screen, read from the screens' BINDINGS so it never goes stale.

The screens' BINDINGS are the one source of truth: the footer shows them, this screen lists them
(with the learner's own keys from settings.toml applied), and `python -m tutor.tui.screens.help`
prints the same list as the Markdown table in the README (a test compares the three).
"""
from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Mapping

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from tutor.i18n.catalog import N_, _
from tutor.tui.screens.base import TutorScreen
from tutor.tui.widgets.footer import TutorFooter

# (title, module, class): the reading screens, then the practice screens (modules load lazily).
SCREENS: list[tuple[str, str, str]] = [
    (N_("Home"), "tutor.tui.screens.home", "HomeScreen"),
    (N_("Lesson"), "tutor.tui.screens.lesson", "LessonScreen"),
    (N_("Quiz and review"), "tutor.tui.screens.quiz", "QuizScreen"),
    (N_("Progress"), "tutor.tui.screens.progress", "ProgressScreen"),
    (N_("Exercise"), "tutor.tui.screens.exercise", "ExerciseScreen"),
    (N_("Demo"), "tutor.tui.screens.demo", "DemoScreen"),
    (N_("Help"), "tutor.tui.screens.help", "HelpScreen"),
]

KEY_NAMES = {"question_mark": "?", "escape": "esc", "right": "→", "left": "←", "up": "↑", "down": "↓",
             "enter": "enter", "space": "space", "pageup": "pgup", "pagedown": "pgdn"}


def key_label(keys: str) -> str:
    """'right,n' -> '→ / n'; 'ctrl+t' stays 'ctrl+t'; 'question_mark' -> '?'."""
    return " / ".join(KEY_NAMES.get(key.strip(), key.strip()) for key in keys.split(","))


def describe(binding: Binding) -> str:
    """The binding's tooltip (a sentence) where it has one, else its footer label, translated."""
    if binding.tooltip or binding.description:
        return _(binding.tooltip or binding.description)
    return binding.action.split(".")[-1].replace("_", " ").capitalize()


def bindings_of(cls: type, keymap: Mapping[str, str] | None = None) -> list[Binding]:
    """The bindings a class declares itself (not those it inherits from Textual's bases), with
    the keys of `keymap` (binding id -> keys) in place of the defaults."""
    found = []
    for item in cls.__dict__.get("BINDINGS", []):
        binding = item if isinstance(item, Binding) else Binding(*item)
        if keymap and binding.id is not None and binding.id in keymap:
            binding = dataclasses.replace(binding, key=keymap[binding.id], key_display=None)
        found.append(binding)
    return found


def screen_classes() -> list[tuple[str, type]]:
    return [(_(title), getattr(importlib.import_module(module), name)) for title, module, name in SCREENS]


def key_reference(app_class: type[App], keymap: Mapping[str, str] | None = None) -> list[tuple[str, list[Binding]]]:
    """Every key of the app, section by section: "Everywhere", then each screen's own."""
    everywhere = bindings_of(app_class, keymap) + [
        Binding(app_class.COMMAND_PALETTE_BINDING, "command_palette",
                N_("Command palette: every lesson, exercise, demo and action")),
        Binding("ctrl+q", "quit", N_("Quit from anywhere")),
        Binding("tab,shift+tab", "focus", N_("Move between parts of a screen")),
    ]
    sections = [(_("Everywhere"), everywhere)]
    sections += [(title, bindings_of(cls, keymap)) for title, cls in screen_classes() if bindings_of(cls)]
    return sections


def markdown_table(sections: list[tuple[str, list[Binding]]]) -> str:
    """The README's key table: one row per binding, the screen named on its first row."""
    rows = ["| Screen | Keys | What it does | Id (for `[keys]`) |", "|---|---|---|---|"]
    for title, bindings in sections:
        for number, binding in enumerate(bindings):
            keys = " / ".join(f"`{KEY_NAMES.get(k.strip(), k.strip())}`" for k in binding.key.split(","))
            ident = f"`{binding.id}`" if binding.id else ""
            rows.append(f"| {title if number == 0 else ''} | {keys} | {describe(binding).replace('|', '/')} | {ident} |")
    return "\n".join(rows) + "\n"


def key_table(sections: list[tuple[str, list[Binding]]]) -> Table:
    """One table for all screens, so the key column lines up from top to bottom."""
    table = Table(show_header=False, box=None, padding=(0, 2, 0, 1), expand=False)
    table.add_column("key", style="bold", min_width=12, no_wrap=True)
    table.add_column("action")
    for number, (title, bindings) in enumerate(sections):
        if number:
            table.add_row("", "")
        table.add_row(Text(title, style="bold underline"), "")
        for binding in bindings:
            table.add_row(Text(key_label(binding.key)), Text(describe(binding)))
    return table


def split_evenly(sections: list[tuple[str, list[Binding]]]) -> tuple[list, list]:
    """Two runs of whole sections with about the same number of lines each."""
    sizes = [len(bindings) + 2 for _, bindings in sections]       # title + keys + a blank line
    total, running = sum(sizes), 0
    for cut, size in enumerate(sizes):
        if running + size / 2 > total / 2:
            return sections[:cut], sections[cut:]
        running += size
    return sections, []


class HelpScreen(TutorScreen):
    BINDINGS = [Binding("escape", "app.pop_screen", N_("Back"))]
    TWO_COLUMNS_FROM = 140      # terminal width from which the keys sit in two columns

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="help-body"):
            yield Static(id="help-keys")
        yield TutorFooter()

    def on_mount(self) -> None:
        self.relabel()
        self.query_one("#help-body").focus()

    def relabel(self) -> None:
        """The keys (with the learner's own from settings.toml), described in the language now in force."""
        self.sub_title = _("Keys")
        self.sections = key_reference(type(self.app), self.app._keymap)
        self._lay_out(self.app.size.width)

    def on_resize(self, event) -> None:
        if getattr(self, "sections", None):
            self._lay_out(event.size.width)

    def _lay_out(self, width: int) -> None:
        if width < self.TWO_COLUMNS_FROM:
            self.query_one("#help-keys", Static).update(key_table(self.sections))
            return
        left, right = split_evenly(self.sections)
        grid = Table.grid(expand=True, padding=(0, 2))
        grid.add_column(ratio=1)
        grid.add_column(ratio=1)
        grid.add_row(key_table(left), key_table(right))
        self.query_one("#help-keys", Static).update(grid)


if __name__ == "__main__":       # the README's key table: python -m tutor.tui.screens.help
    from tutor.tui.app import DLTutorApp

    print(markdown_table(key_reference(DLTutorApp)), end="")
