"""Snapshots (100×35) of Home, a lesson section, a quiz question, Progress and Help.

They run on the small fake course from conftest.py, not the shipped one, so that editing a
lesson does not break a picture; the progress shown is written into a fresh $DLTUTOR_HOME
first, and nothing on these screens shows a clock, a spinner or a random number (the quiz's
seed is fixed). Update after a deliberate change with `pytest tests/test_tui_snapshots.py
--snapshot-update` and look at the pictures in the report.
"""
from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tutor.grading.client import GradingService
from tutor.progress.store import Store

SIZE = (100, 35)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, use_fake_content) -> Path:
    """A fresh $DLTUTOR_HOME, the fake course, and no grading service (nothing here grades)."""
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(GradingService, "start", lambda self: None)
    return tmp_path / "home"


def some_progress() -> None:
    store = Store()
    store.record_attempt("activations", "fail", 1.0, failed_tests=2)
    store.record_attempt("activations", "pass", 1.0)
    store.add_time("activations", 540)
    store.record_attempt("conv2d", "fail", 1.0, failed_tests=1)
    store.add_time("conv2d", 200)
    store.set_lesson_position("basics", 2, 3, add_seconds=300)
    store.set_lesson_position("convnets", 1, 3, add_seconds=90)
    store.close()


def make_app(start: str | None = None):
    from tutor.tui.app import DLTutorApp

    return DLTutorApp(start=start)


async def settle(pilot, cls) -> None:
    for _ in range(200):
        if isinstance(pilot.app.screen, cls) and pilot.app.screen.is_mounted:
            break
        await asyncio.sleep(0.05)
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()


def test_home(snap_compare):
    some_progress()

    async def run_before(pilot) -> None:
        from tutor.tui.screens.home import HomeScreen

        await settle(pilot, HomeScreen)
        for _ in range(200):                       # the review count comes just after the first frame
            if pilot.app.screen.review_count is not None:
                break
            await asyncio.sleep(0.05)
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_lesson_section(snap_compare):
    async def run_before(pilot) -> None:
        from tutor.tui.screens.lesson import LessonScreen

        await settle(pilot, LessonScreen)
        await pilot.press("n")          # "Cross-correlation": a heading, text and a code fence
        await pilot.pause()

    assert snap_compare(make_app(start="convnets"), terminal_size=SIZE, run_before=run_before)


def test_quiz_question(snap_compare):
    async def run_before(pilot) -> None:
        from tutor.content import shipped_catalog
        from tutor.tui.screens.quiz import QuizScreen

        catalog = shipped_catalog()
        lesson = catalog.lesson("convnets")
        await pilot.app.push_screen(QuizScreen(catalog.quiz(lesson), seed=1, title=lesson.title))
        await settle(pilot, QuizScreen)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_progress(snap_compare):
    some_progress()

    async def run_before(pilot) -> None:
        from tutor.tui.screens.progress import ProgressScreen

        await pilot.press("p")
        await settle(pilot, ProgressScreen)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_help(snap_compare):
    async def run_before(pilot) -> None:
        from tutor.tui.screens.help import HelpScreen

        await pilot.press("question_mark")
        await settle(pilot, HelpScreen)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


# -- the same screens on a small terminal (80×24), in both themes ------------------------------------

SMALL = (80, 24)


def themed(theme: str, run_before=None):
    async def before(pilot) -> None:
        pilot.app.theme = theme
        if run_before is not None:
            await run_before(pilot)
        await pilot.pause()

    return before


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_home_small(snap_compare, theme):
    some_progress()

    async def run_before(pilot) -> None:
        from tutor.tui.screens.home import HomeScreen

        await settle(pilot, HomeScreen)
        for _ in range(200):
            if pilot.app.screen.review_count is not None:
                break
            await asyncio.sleep(0.05)

    assert snap_compare(make_app(), terminal_size=SMALL, run_before=themed(theme, run_before))


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_lesson_last_section_small(snap_compare, theme):
    async def run_before(pilot) -> None:
        from tutor.tui.screens.lesson import LessonScreen

        await settle(pilot, LessonScreen)
        pilot.app.screen.go_to(pilot.app.screen.last)      # the links and the next step
        await pilot.pause()

    assert snap_compare(make_app(start="convnets"), terminal_size=SMALL, run_before=themed(theme, run_before))

