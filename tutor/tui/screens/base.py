"""The screens' common base: Textual's Screen, with `self.app` typed as dltutor's app (its catalog,
store, demo runs …), so the type checker sees what the screens really use."""
from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from tutor.tui.app import DLTutorApp


class TutorScreen(Screen):
    if TYPE_CHECKING:
        app: DLTutorApp
