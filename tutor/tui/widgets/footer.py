"""The footer, in the learner's language: binding descriptions and tooltips pass through the
catalogue when the footer is drawn; key names stay as they are.

Bindings are class attributes, declared before any language is known, so screens mark their
descriptions with `N_()` and this footer translates them on every redraw (a language switch
recomposes it).
"""
from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tutor.i18n.catalog import N_, _

# Textual's own bindings that reach our footers (the command palette's).
TEXTUAL_DESCRIPTIONS = (N_("palette"), N_("Open the command palette"))


class TutorFooter(Footer):
    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.description = _(widget.description) if widget.description else ""
                if widget.tooltip:
                    widget.tooltip = _(str(widget.tooltip))
            yield widget
