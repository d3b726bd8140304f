"""A demo's picture event drawn with half blocks (tutor.pictures), fitted to the width."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tutor.i18n.catalog import _
from tutor.pictures import render_picture


class Picture(Static):
    """Shows one picture event; `show(event)` replaces it. Labels and captions are rich Text,
    never markup."""

    def __init__(self, event: dict | None = None, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.event = event
        self.picture_name = str(event.get("name", "")) if event else ""
        self._width = 0

    def on_mount(self) -> None:
        self._draw()

    def on_resize(self) -> None:
        if self.size.width != self._width:
            self._draw()

    def show(self, event: dict) -> None:
        self.event = event
        self._draw()

    def _draw(self) -> None:
        self._width = self.size.width
        if not self.event:
            self.update(Text(""))
            return
        try:
            text = render_picture(self.event, max_width=max(8, self._width or 100))
        except (KeyError, ValueError, TypeError) as exc:   # a malformed event is shown, not fatal
            text = Text(_("(cannot draw this picture: {error})").format(error=exc), style="dim")
        self.update(text)
