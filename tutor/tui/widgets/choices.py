"""Answer choices labelled a), b), …: a letter or a number key picks one; where several may be
right, keys and clicks toggle and enter submits. After the verdict the right ones are marked."""
from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


def choice_index(character: str | None, count: int) -> int | None:
    """'a'/'A'/'1' -> 0, 'b'/'2' -> 1, …; None for a key that names no choice."""
    if not character or len(character) != 1:
        return None
    if character.isalpha() and character.isascii():
        index = ord(character.lower()) - ord("a")
    elif character.isdigit() and count <= 9:
        index = int(character) - 1
    else:
        return None
    return index if 0 <= index < count else None


class ChoiceList(OptionList):
    @dataclass
    class Picked(Message):
        """The learner's answer: one index, or the set toggled on (multiple answers)."""
        choices: ChoiceList
        indices: frozenset[int]
        by_enter: bool = False      # enter (or a click) rather than a choice's letter: may be a bounce

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.labelled: list[tuple[str, str]] = []
        self.multiple = False
        self.selected: set[int] = set()
        self.right: frozenset[int] = frozenset()   # set by reveal(): marks shown after the verdict
        self.revealed = False

    def ask(self, labelled: list[tuple[str, str]], multiple: bool = False) -> None:
        """Show a new question's choices (one list serves every question of a quiz)."""
        self.labelled, self.multiple = labelled, multiple
        self.selected, self.right, self.revealed = set(), frozenset(), False
        self.clear_options()
        self._render_options()
        self.highlighted = 0 if labelled else None

    def _render_options(self) -> None:
        highlighted = self.highlighted
        self.clear_options()
        self.add_options([Option(self._prompt(i, letter, text)) for i, (letter, text) in enumerate(self.labelled)])
        self.highlighted = highlighted

    def _prompt(self, index: int, letter: str, text: str) -> Text:
        if self.revealed:
            if index in self.right:
                box = ("✔ ", "bold green")
            elif index in self.selected:
                box = ("✘ ", "bold red")
            else:
                box = ("  ", "")
        elif self.multiple:
            box = ("[x] " if index in self.selected else "[ ] ", "bold")
        else:
            box = ("", "")
        return Text.assemble(box, (f"{letter}) ", "bold"), text)   # Text: choices are never markup

    def toggle(self, index: int) -> None:
        self.selected ^= {index}
        self._render_options()

    def reveal(self, right: frozenset[int], chosen: frozenset[int]) -> None:
        self.right, self.selected, self.revealed = right, set(chosen), True
        self._render_options()

    def _pick(self, index: int, by_enter: bool = False) -> None:
        self.highlighted = index
        if self.multiple:
            self.toggle(index)
        else:
            self.post_message(self.Picked(self, frozenset({index}), by_enter))

    def on_key(self, event: events.Key) -> None:
        if self.revealed:
            return
        index = choice_index(event.character, len(self.labelled))
        if index is not None:
            event.stop()
            event.prevent_default()
            self._pick(index)
        elif self.multiple and event.key == "space" and self.highlighted is not None:
            event.stop()
            event.prevent_default()
            self.toggle(self.highlighted)
        elif self.multiple and event.key == "enter":
            # Enter submits the toggled set (before OptionList's own enter binding selects one).
            event.stop()
            event.prevent_default()
            self.post_message(self.Picked(self, frozenset(self.selected), True))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if not self.revealed:
            self._pick(event.option_index, by_enter=True)
