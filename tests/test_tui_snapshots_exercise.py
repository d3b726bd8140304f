"""Snapshots of the exercise screen after grading a flipped kernel (a FAIL with a named mistake),
at 80×24 (one pane at a time: the results brought forward) and at 120×40 (three panes), in the
dark and the light theme; and the PASS with its next step at 80×24.

Deterministic by construction: each test its own $DLTUTOR_HOME, shown as ~/.dltutor (the
snapshot_home fixture: under `pytest -n 2` the workers used to share one fixed home, so one
test's solution was "reloaded from disk" into another's editor and its attempt counted twice),
a fixed seed, no durations in the results pane, notifications cleared, the editor unfocused (no
blinking cursor), the grade finished and the screen no longer changing (never a fixed pause).
Update with `pytest --snapshot-update` after a deliberate change, and look at the new SVG
before committing it.
"""
from __future__ import annotations

import pytest
from conftest import SharedGrading, wait_for, wait_for_stable_frame

from tutor.content import shipped_catalog

CONV2D = shipped_catalog().exercise("conv2d")


@pytest.fixture
def warm_service(warm_grading_service):
    return warm_grading_service


def graded_app(service, theme: str, code: str):
    from tutor.tui.app import DLTutorApp

    app = DLTutorApp(start="conv2d")
    app.grading = SharedGrading(service)

    async def grade(pilot) -> None:
        app.theme = theme
        await wait_for(pilot, lambda: hasattr(app.screen, "results"), 60, "the exercise screen")
        screen = app.screen
        screen.seed = 1
        screen.editor.set_text(code)
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: screen.grades_finished == 1, 120, "the grade")
        # Focus leaves the editor (no cursor in the picture). Not by pressing escape: focus moves
        # a moment after the grade lands, and an escape sent just then left the screen.
        screen.query_one("#result-details").focus()
        app.clear_notifications()
        await wait_for_stable_frame(pilot)

    return app, grade


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_exercise_screen_after_a_named_mistake(snap_compare, snapshot_home, warm_service, size, theme):
    app, grade = graded_app(warm_service, theme, CONV2D.mistakes["flipped_kernel"].path.read_text())
    assert snap_compare(app, terminal_size=size, run_before=grade)


def test_exercise_screen_after_a_pass_at_80x24(snap_compare, snapshot_home, warm_service):
    app, grade = graded_app(warm_service, "textual-dark", CONV2D.solution.read_text())
    assert snap_compare(app, terminal_size=(80, 24), run_before=grade)
