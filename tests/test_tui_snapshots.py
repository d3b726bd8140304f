"""Snapshots of every screen at 80×24 and 120×40, in the dark and the light theme: Home, a
lesson's last section (its links and the next step), a quiz question, Progress, Help, an exercise
reopened after a failed grade, the solution view, and a demo part-way through a run.

Cheap and deterministic by construction: the small fake course from conftest.py (editing the
real course never breaks a picture), no grading service and no grading (the exercise shows the
last grade it restores from the store; the demo is fed its events by hand), progress written
into this test's own $DLTUTOR_HOME (shown as ~/.dltutor, whichever pytest-xdist worker runs it),
the quiz's seed fixed, and every picture taken once the screen has stopped changing (never
after a fixed pause). Update after a deliberate change with `pytest tests/test_tui_snapshots.py
--snapshot-update` and look at the pictures before committing them.
"""
from __future__ import annotations

import json
import time

import pytest
from conftest import ScriptedGrading, wait_for, wait_for_stable_frame

from tutor.grading.client import GradingService

SIZES = [(80, 24), (120, 40)]
SIZE_IDS = ["80x24", "120x40"]
THEMES = ["textual-dark", "textual-light"]

# What the grader sends for a flipped kernel (the fake course's conv2d names that mistake).
FLIPPED = {
    "status": "fail", "seed": 1, "device": "cpu", "duration_s": 0.2,
    "tests": [
        {"name": "matches the reference on random inputs", "status": "fail",
         "message": "values differ: got 1.5 where the reference has -0.25 (max abs error 1.75)",
         "mistake": "flipped_kernel",
         "counterexample": {"call": "conv2d", "inputs": {"x": "tensor(1, 2, 4, 5) float32"}, "seed": 1}},
        {"name": "output shape", "status": "pass", "message": ""},
    ],
}


@pytest.fixture(autouse=True)
def course(snapshot_home, use_fake_content, monkeypatch: pytest.MonkeyPatch):
    """The fake course, this test's own home, and no grading service (nothing here grades)."""
    monkeypatch.setattr(GradingService, "start", lambda self: None)
    return snapshot_home


def some_progress() -> None:
    from tutor.progress.store import Store

    with Store() as store:
        store.record_attempt("activations", "fail", 1.0, failed_tests=2)
        store.record_attempt("activations", "pass", 1.0)
        store.add_time("activations", 540)
        store.record_attempt("conv2d", "fail", 1.0, failed_tests=1, mistake="flipped_kernel")
        store.put("last_result:conv2d", json.dumps({"ts": time.time(), "result": FLIPPED}))
        store.add_time("conv2d", 200)
        store.set_lesson_position("basics", 2, 3, add_seconds=300)
        store.set_lesson_position("convnets", 1, 3, add_seconds=90)


def make_app(start: str | None = None):
    from tutor.tui.app import DLTutorApp

    app = DLTutorApp(start=start)
    app.grading = ScriptedGrading()
    return app


async def open_home(pilot) -> None:
    await wait_for(pilot, lambda: pilot.app.screen.review_count is not None, 10, "the review count")


async def open_lesson(pilot) -> None:
    app = pilot.app
    app.open_lesson("convnets")
    await wait_for(pilot, lambda: len(app.screen_stack) == 2 and app.screen.query("#reader"), 10, "the lesson")
    app.screen.go_to(app.screen.last)          # the links and the next step


async def open_quiz(pilot) -> None:
    from tutor.tui.screens.quiz import QuizScreen

    app = pilot.app
    lesson = app.catalog.lesson("convnets")
    await app.push_screen(QuizScreen(app.catalog.quiz(lesson), seed=1, title=lesson.title))


async def open_progress(pilot) -> None:
    await pilot.press("p")


async def open_help(pilot) -> None:
    await pilot.press("question_mark")


def exercise_ready(app) -> bool:
    screen = app.screen
    return len(app.screen_stack) == 2 and screen.is_mounted and bool(screen.query("#results #result-details"))


async def open_exercise(pilot) -> None:
    app = pilot.app
    app.open_exercise("conv2d")
    await wait_for(pilot, lambda: exercise_ready(app) and app.screen.results.result, 10,
                   "the exercise with its last grade")
    app.screen.action_show_pane("results")     # out of the editor: no blinking cursor in the picture


async def open_solution(pilot) -> None:
    from tutor.tui.screens.exercise import SolutionScreen

    app = pilot.app
    app.store.record_attempt("activations", "pass", 1.0)
    app.open_exercise("activations")
    await wait_for(pilot, lambda: exercise_ready(app), 10, "the exercise")
    app.screen.editor.set_text("def sigmoid(x):\n    return x\n\n\ndef relu(x):\n    return -x\n")
    app.screen.action_solution()
    await wait_for(pilot, lambda: isinstance(app.screen, SolutionScreen), 10, "the solution view")


async def open_demo(pilot) -> None:
    from tutor.demos import events
    from tutor.demos.live_run import DemoRun

    app = pilot.app
    run = DemoRun("gd", device="cpu")           # never started: its events come from here
    for step in range(1, 41):
        run.add(events.progress(step, 40))
        run.add(events.metric(step, {"loss_plain": 4.0 / step, "loss_momentum": 3.0 / step ** 1.5, "lr": 0.01}))
    run.add(events.text("rosenbrock: plain gradient descent against momentum"))
    run.add(events.summary("gd", "cpu", 1.5, 0.1, steps=40))
    app.demo_runs["gd"] = run
    app.open_demo("gd")
    await wait_for(pilot, lambda: len(app.screen_stack) == 2 and app.screen.query("#demo-status"), 10, "the demo")


SCREENS = {"home": open_home, "lesson": open_lesson, "quiz": open_quiz, "progress": open_progress,
           "help": open_help, "exercise": open_exercise, "solution": open_solution, "demo": open_demo}


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare, screen, size, theme):
    some_progress()

    async def run_before(pilot) -> None:
        pilot.app.theme = theme
        await wait_for(pilot, lambda: pilot.app.screen.is_mounted, 10, "the first screen")
        await SCREENS[screen](pilot)
        pilot.app.clear_notifications()
        await wait_for_stable_frame(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)
