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

# Textual's own words that reach our screens: the command palette's binding, and the system
# commands it lists (DLTutorApp.get_system_commands passes them through the catalogue).
TEXTUAL_DESCRIPTIONS = (
    N_("palette"), N_("Open the command palette"),
    N_("Theme"), N_("Change the current theme"), N_("Quit"), N_("Quit the application as soon as possible"),
    N_("Keys"), N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"), N_("Minimize the widget and restore to normal size"),
    N_("Maximize"), N_("Maximize the focused widget"),
    N_("Screenshot"), N_("Save an SVG 'screenshot' of the current screen"),
)


class TutorFooter(Footer):
    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.description = _(widget.description) if widget.description else ""
                if widget.tooltip:
                    widget.tooltip = _(str(widget.tooltip))
            yield widget
