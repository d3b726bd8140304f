"""Snapshots of the Chinese interface at 80×24 and 120×40: Home (the fake course, some progress)
and the exercise screen before a grade (the fake course's conv2d: a course edit cannot move a picture). CJK characters take two cells: these pictures show the
footer, buttons, panes and borders still line up. Cheap on purpose: nothing grades, no torch.

Update after a deliberate change with `pytest tests/test_tui_zh_snapshots.py --snapshot-update`
and look at the pictures before committing them.
"""
from __future__ import annotations

import asyncio
import shutil
import tempfile
from pathlib import Path

import pytest

from tutor.grading.client import GradingService
from tutor.i18n import lang
from tutor.progress.store import Store

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
FIXED_HOME = Path(tempfile.gettempdir()) / "dltutor-zh-snapshot-home"     # its path is on screen


@pytest.fixture(autouse=True)
def zh_home(monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.rmtree(FIXED_HOME, ignore_errors=True)
    monkeypatch.setenv("DLTUTOR_HOME", str(FIXED_HOME))
    monkeypatch.setenv("DLTUTOR_LANG", "zh")
    monkeypatch.setattr(lang, "_override", None)
    monkeypatch.setattr(GradingService, "start", lambda self: None)
    yield FIXED_HOME
    lang._override = None
    shutil.rmtree(FIXED_HOME, ignore_errors=True)


async def settle(pilot, condition) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 30
    while not condition():
        assert loop.time() < deadline, "the screen did not settle"
        await pilot.pause(0.05)
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()


@pytest.mark.parametrize("size", SIZES)
def test_home_zh(snap_compare, use_fake_content, size):
    from tutor.tui.app import DLTutorApp

    store = Store()
    store.record_attempt("activations", "fail", 1.0, failed_tests=2)
    store.record_attempt("activations", "pass", 1.0)
    store.set_lesson_position("basics", 2, 3, add_seconds=300)
    store.close()

    async def run_before(pilot) -> None:
        from tutor.tui.screens.home import HomeScreen

        await settle(pilot, lambda: isinstance(pilot.app.screen, HomeScreen)
                     and pilot.app.screen.review_count is not None)

    assert snap_compare(DLTutorApp(), terminal_size=SIZES[size], run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_exercise_zh(snap_compare, use_fake_content, size):
    from tutor.tui.app import DLTutorApp

    async def run_before(pilot) -> None:
        app = pilot.app
        await settle(pilot, lambda: hasattr(app.screen, "results") and app.screen.is_mounted)
        await pilot.press("escape")           # focus leaves the editor: no blinking cursor in the picture
        app.clear_notifications()
        await settle(pilot, lambda: True)

    assert snap_compare(DLTutorApp(start="conv2d"), terminal_size=SIZES[size], run_before=run_before)
