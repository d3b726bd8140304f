"""Snapshot of the exercise screen at 100×35 after grading the starter (a FAIL verdict).

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

SNAPSHOT_HOME = Path(tempfile.gettempdir()) / "dltutor-snapshot-home"


@pytest.fixture
def fixed_home(monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.rmtree(SNAPSHOT_HOME, ignore_errors=True)
    monkeypatch.setenv("DLTUTOR_HOME", str(SNAPSHOT_HOME))
    yield SNAPSHOT_HOME
    shutil.rmtree(SNAPSHOT_HOME, ignore_errors=True)


def test_exercise_screen_after_a_failing_grade(snap_compare, fixed_home):
    from tutor.tui.app import DLTutorApp

    async def grade_the_starter(pilot) -> None:
        app = pilot.app
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 120
        while not hasattr(app.screen, "results"):
            assert loop.time() < deadline, "the exercise screen did not open"
            await pilot.pause(0.05)
        screen = app.screen
        screen.seed = 1
        await pilot.press("ctrl+r")
        while screen.grades_finished == 0:
            assert loop.time() < deadline, "the grade did not finish"
            await pilot.pause(0.1)
        await pilot.press("escape")            # focus leaves the editor: no cursor in the picture
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(DLTutorApp(start="conv2d"), terminal_size=(100, 35), run_before=grade_the_starter)
