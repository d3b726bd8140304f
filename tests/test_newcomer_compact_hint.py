"""F2 on a small terminal shows the hint it reveals.

Found by a newcomer at 80×24 (the compact layout, one pane at a time): after a failing grade the
results pane is in front; F2 recorded a hint and said "Hint 1/3 is below the instructions", but the
instructions pane stayed hidden — the learner had to find the pane key and scroll to the end.
"""
from __future__ import annotations

import pytest
from conftest import ScriptedGrading, screen_text, wait_for

from tutor.content import shipped_catalog

pytestmark = pytest.mark.asyncio

ACTIVATIONS = shipped_catalog().exercise("activations")


async def open_activations(pilot):
    from tutor.tui.screens.exercise import ExerciseScreen

    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen), 20, "the exercise screen")
    return app.screen


def first_words(text: str, count: int = 6) -> str:
    return " ".join(text.split()[:count])


async def test_f2_at_80x24_brings_the_hint_forward():
    from tutor.tui.app import DLTutorApp

    app = DLTutorApp(start="activations")
    app.grading = ScriptedGrading()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_activations(pilot)
        assert screen.compact
        await pilot.press("escape", "3")               # out of the editor, to the results pane
        assert screen.query_one("#results").has_class("-front")
        await pilot.press("f2")
        await wait_for(pilot, lambda: screen.query_one("#instructions").has_class("-front"), 10,
                       "the instructions pane in front")
        assert not screen.query_one("#results").has_class("-front")
        assert screen.query_one("#pane-tabs").active == "tab-instructions"
        # The pane is scrolled to the hint: its first words are on the screen.
        await wait_for(pilot, lambda: first_words(ACTIVATIONS.hints[0]) in " ".join(screen_text(app).split()), 10,
                       "the new hint on the screen")


async def test_f2_from_the_editor_at_80x24_moves_focus_to_the_hint_and_2_returns():
    from textual.widgets import TextArea

    from tutor.tui.app import DLTutorApp

    app = DLTutorApp(start="activations")
    app.grading = ScriptedGrading()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_activations(pilot)
        assert isinstance(screen.focused, TextArea)
        before = screen.editor.text
        await pilot.press("f2")
        await wait_for(pilot, lambda: screen.query_one("#instructions").has_class("-front"), 10,
                       "the instructions pane in front")
        assert not isinstance(screen.focused, TextArea)    # keys no longer go to a hidden editor
        await pilot.press("2")
        assert screen.query_one("#editor").has_class("-front")
        assert isinstance(screen.focused, TextArea)
        assert screen.editor.text == before


async def test_f2_on_a_wide_terminal_leaves_the_layout_and_focus_alone():
    from textual.widgets import TextArea

    from tutor.tui.app import DLTutorApp

    app = DLTutorApp(start="activations")
    app.grading = ScriptedGrading()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_activations(pilot)
        assert not screen.compact
        await pilot.press("f2")
        await wait_for(pilot, lambda: app.store.exercise_state("activations").hints_revealed == 1, 10, "the hint")
        assert isinstance(screen.focused, TextArea)
