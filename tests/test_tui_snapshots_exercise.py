"""Snapshots of the exercise screen after grading a flipped kernel (a FAIL with a named mistake),
at 80×24 (one pane at a time: the results brought forward) and at 120×40 (three panes), in the
dark and the light theme; and the PASS with its next step at 80×24.

Deterministic by construction: a fixed $DLTUTOR_HOME (its path is on screen), a fixed seed, no
durations in the results pane, notifications cleared, the editor unfocused (no blinking cursor)
and the grade finished (no spinner). Update with `pytest --snapshot-update` after a deliberate
change, and look at the new SVG before committing it.
"""
from __future__ import annotations

import asyncio
import shutil
import tempfile
from pathlib import Path

import pytest

from tutor.content import shipped_catalog
from tutor.grading.client import GradingService

SNAPSHOT_HOME = Path(tempfile.gettempdir()) / "dltutor-snapshot-home"
CONV2D = shipped_catalog().exercise("conv2d")


@pytest.fixture
def fixed_home(monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.rmtree(SNAPSHOT_HOME, ignore_errors=True)
    monkeypatch.setenv("DLTUTOR_HOME", str(SNAPSHOT_HOME))
    yield SNAPSHOT_HOME
    shutil.rmtree(SNAPSHOT_HOME, ignore_errors=True)


class SharedGrading:
    """One warm grading service for the module; the app's close() leaves it for the next test."""

    def __init__(self, service: GradingService) -> None:
        self.service = service

    def __getattr__(self, name):
        return getattr(self.service, name)

    def close(self) -> None:
        pass


@pytest.fixture(scope="module")
def warm_service():
    service = GradingService()
    service.start()
    yield service
    service.close()


def graded_app(service, theme: str, code: str):
    from tutor.tui.app import DLTutorApp

    app = DLTutorApp(start="conv2d")
    app.grading = SharedGrading(service)

    async def grade(pilot) -> None:
        app.theme = theme
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 120
        while not hasattr(app.screen, "results"):
            assert loop.time() < deadline, "the exercise screen did not open"
            await pilot.pause(0.05)
        screen = app.screen
        screen.seed = 1
        screen.editor.set_text(code)
        await pilot.press("ctrl+r")
        while screen.grades_finished == 0:
            assert loop.time() < deadline, "the grade did not finish"
            await pilot.pause(0.1)
        if screen.focused is screen.editor.text_area:
            await pilot.press("escape")        # focus leaves the editor: no cursor in the picture
        app.clear_notifications()
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()

    return app, grade


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_exercise_screen_after_a_named_mistake(snap_compare, fixed_home, warm_service, size, theme):
    app, grade = graded_app(warm_service, theme, CONV2D.mistakes["flipped_kernel"].path.read_text())
    assert snap_compare(app, terminal_size=size, run_before=grade)


def test_exercise_screen_after_a_pass_at_80x24(snap_compare, fixed_home, warm_service):
    app, grade = graded_app(warm_service, "textual-dark", CONV2D.solution.read_text())
    assert snap_compare(app, terminal_size=(80, 24), run_before=grade)
