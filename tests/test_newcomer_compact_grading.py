"""ctrl+r on a small terminal shows at once that grading runs.

Found by a newcomer at 80×24 (one pane at a time, the code in front): ctrl+r wrote "Grading…
(escape cancels)" — or, the first time, "Starting the grader… (loading torch…)" — into the hidden
results pane, so for the first grade's 10–20 seconds, or an infinite loop's 10, nothing on the
screen changed; a cancelled grade said "Cancelled" there too, out of sight.
"""
from __future__ import annotations

import pytest
from conftest import ScriptedGrading, passing_result, screen_text, wait_for

pytestmark = pytest.mark.asyncio


async def exercise_screen(pilot):
    from tutor.tui.screens.exercise import ExerciseScreen

    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExerciseScreen), 20, "the exercise screen")
    return pilot.app.screen


async def test_the_results_pane_comes_forward_when_grading_starts_at_80x24(en):
    from tutor.tui.app import DLTutorApp

    service = ScriptedGrading(passing_result(), gated=True)
    app = DLTutorApp(start="mse")
    app.grading = service
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await exercise_screen(pilot)
        assert screen.compact and screen.query_one("#editor").has_class("-front")
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: service.busy, 10, "the grade to reach the service")
        await pilot.pause()
        assert screen.query_one("#results").has_class("-front"), "the results pane, while grading"
        assert "Grading…" in screen_text(app)
        assert "Not graded yet" not in screen_text(app), "the idle line ('ctrl+r grades your file') while a grade runs"
        service.release()
        await wait_for(pilot, lambda: screen.grades_finished == 1, 10, "the grade")
        assert screen.results.verdict.startswith("PASS")


async def test_a_cancelled_grade_says_so_on_the_screen_at_80x24(en):
    from tutor.tui.app import DLTutorApp

    service = ScriptedGrading(passing_result(), gated=True)
    app = DLTutorApp(start="mse")
    app.grading = service
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await exercise_screen(pilot)
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: service.busy, 10, "the grade to reach the service")
        await pilot.press("escape")
        assert not screen.grading
        await pilot.pause()
        assert "Cancelled" in screen_text(app)
        assert screen.query_one("#results").has_class("-front")
        assert "Grading was cancelled" in " ".join(screen_text(app).split())
        # Back to the code, as before the grade.
        await pilot.press("2")
        assert screen.query_one("#editor").has_class("-front")


async def test_a_wide_terminal_keeps_the_focus_in_the_editor_while_grading(en):
    from textual.widgets import TextArea

    from tutor.tui.app import DLTutorApp

    service = ScriptedGrading(passing_result(), gated=True)
    app = DLTutorApp(start="mse")
    app.grading = service
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await exercise_screen(pilot)
        assert not screen.compact
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: service.busy, 10, "the grade to reach the service")
        assert isinstance(screen.focused, TextArea)
        service.release()
        await wait_for(pilot, lambda: screen.grades_finished == 1, 10, "the grade")
