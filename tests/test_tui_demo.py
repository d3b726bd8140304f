"""Pilot tests of the demo screen: a fake event stream (what each event turns into, redraws
throttled, learner-facing text without markup), a real quick gd run, the stop key, and a run
that keeps going on another screen and is stopped — process group and all — when the app exits.
"""
from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tutor.demos import events
from tutor.demos.live_run import MAX_TEXTS, DemoRun
from tutor.demos.process import group_members, wait_for_group_exit

pytestmark = pytest.mark.asyncio

SIZE = (100, 35)
LONG_RUN = {"steps": 1_000_000, "log_every": 500, "surface": "rosenbrock"}    # minutes of work: it gets stopped


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


class NoGrading:
    """These tests never grade: keep torch out of the app's process tree."""

    running = busy = False

    def start(self) -> None:
        pass

    def cancel(self) -> None:
        pass

    def close(self) -> None:
        pass


def make_app():
    from tutor.tui.app import DLTutorApp

    app = DLTutorApp()
    app.grading = NoGrading()
    return app


async def wait_for(pilot, condition, timeout: float = 90.0, what: str = "condition") -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.05)


async def open_demo(pilot, name: str, **options):
    from tutor.tui.screens.demo import DemoScreen

    pilot.app.open_demo(name)
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, DemoScreen) and pilot.app.screen.query("#demo-log"),
                   10, "the demo screen")
    await pilot.pause()
    screen = pilot.app.screen
    screen.options = options
    return screen


def fake_events() -> list[dict]:
    import numpy as np

    pixels = np.zeros((8, 8, 3), dtype=np.uint8)
    pixels[:, :4] = (255, 0, 0)
    return [
        events.text("loading [bold]the images[/bold] …"),
        events.progress(1, 4, 1, 2),
        events.metric(1, {"loss": 2.3, "lr": 0.1}),
        events.progress(2, 4, 1, 2),
        events.metric(2, {"loss": 1.9, "test_accuracy": 0.31}),
        events.picture("samples", "test images [red]and guesses[/]", [events.tile(pixels, "cat ✓")], 2),
        events.text("[1,  2000] loss: 1.900", 2),
    ]


async def test_a_run_folds_events_into_its_state():
    run = DemoRun("cnn", device="cpu", epochs=1)       # never started: events are fed by hand
    for event in fake_events():
        run.add(event)
    view = run.snapshot()
    assert view["state"] == "running"
    assert view["series"]["loss"] == ([1.0, 2.0], [2.3, 1.9])
    assert view["latest"] == {"loss": 1.9, "lr": 0.1, "test_accuracy": 0.31}
    assert view["progress"]["step"] == 2 and list(view["pictures"]) == ["samples"]
    run.add(events.summary("cnn", "cpu", 3.0, 1.9))
    assert run.snapshot()["state"] == "finished" and not run.running
    for number in range(MAX_TEXTS + 10):
        run.add(events.text(f"line {number}"))
    view = run.snapshot()
    assert len(view["texts"]) == MAX_TEXTS and view["texts"][-1] == f"line {MAX_TEXTS + 9}"
    assert view["texts_dropped"] + len(view["texts"]) == MAX_TEXTS + 10 + 2


async def test_the_screen_draws_a_fake_stream_without_markup_and_throttled():
    from textual.widgets import ProgressBar, RichLog, Static

    from tutor.tui.widgets.picture import Picture
    from tutor.tui.widgets.plot import MetricsPlot

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        run = DemoRun("cnn", device="cpu", epochs=1)
        app.demo_runs["cnn"] = run
        screen = await open_demo(pilot, "cnn")
        plot = screen.query_one(MetricsPlot)
        draws = []
        original = plot.show
        plot.show = lambda *a, **k: (draws.append(1), original(*a, **k))

        for event in fake_events():                    # all at once: one redraw, not seven
            run.add(event)
        await wait_for(pilot, lambda: draws, 5, "a redraw")
        await pilot.pause(0.6)
        assert len(draws) == 1
        assert plot.names == ["loss", "test_accuracy"]          # lr is a number, not a curve
        status = str(screen.query_one("#demo-status", Static).render())
        assert "running" in status and "step 2/4" in status and "epoch 1/2" in status
        bar = screen.query_one("#demo-progress", ProgressBar)
        assert (bar.progress, bar.total) == (2, 4)
        pictures = screen.query(Picture)
        assert len(pictures) == 1 and "[red]and guesses[/]" in pictures.first().render().plain
        log = "\n".join(strip.text for strip in screen.query_one(RichLog).lines)
        assert "loading [bold]the images[/bold] …" in log and "[1,  2000] loss: 1.900" in log

        run.add({"type": "error", "kind": "data", "message": "the data folder is missing"})
        await wait_for(pilot, lambda: "failed" in str(screen.query_one("#demo-status", Static).render()), 5,
                       "the failed state")
        assert "the data folder is missing" in "\n".join(s.text for s in screen.query_one(RichLog).lines)


async def test_a_quick_gd_run_plots_draws_and_finishes():
    from textual.widgets import ProgressBar, Static

    from tutor.tui.widgets.picture import Picture
    from tutor.tui.widgets.plot import MetricsPlot

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_demo(pilot, "gd", steps=40)
        await pilot.press("r")
        run = app.demo_runs["gd"]
        await wait_for(pilot, lambda: run.ended is not None, 120, "the gd demo to finish")
        await pilot.pause(0.5)                          # the next redraw
        assert run.state == "finished", (run.error, run.stderr[-2000:])
        assert run.summary["steps"] == 40
        assert "finished" in str(screen.query_one("#demo-status", Static).render())
        assert set(screen.query_one(MetricsPlot).names) == {"loss_plain", "loss_momentum"}
        bar = screen.query_one("#demo-progress", ProgressBar)
        assert bar.progress == bar.total == 40
        assert len(screen.query(Picture)) == 1
        assert run.returncode == 0


async def test_the_stop_key_stops_a_run_and_its_processes():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_demo(pilot, "gd", **LONG_RUN)
        await pilot.press("r")
        run = app.demo_runs["gd"]
        await wait_for(pilot, lambda: run.progress is not None, 120, "the first progress event")
        pid = run.pid
        assert group_members(pid)
        await pilot.press("s")
        await wait_for(pilot, lambda: not run.running and run.ended is not None, 30, "the run to stop")
        assert run.state == "stopped"
        assert wait_for_group_exit(pid, 10) == []
        await pilot.pause(0.5)
        assert "stopped" in str(screen.query_one("#demo-status").render())


async def test_a_run_keeps_going_on_another_screen_and_stops_when_the_app_exits():
    from tutor.tui.screens.demo import DemoScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_demo(pilot, "gd", **LONG_RUN)
        await pilot.press("r")
        run = app.demo_runs["gd"]
        await wait_for(pilot, lambda: run.progress is not None, 120, "the first progress event")
        await pilot.press("escape")                     # back to Home; the run goes on
        assert not isinstance(app.screen, DemoScreen)
        step = run.progress["step"]
        await wait_for(pilot, lambda: run.progress["step"] > step, 60, "more progress while away")
        assert run.running
        screen = await open_demo(pilot, "gd")           # the same run is shown again
        await pilot.pause(0.5)
        assert "running" in str(screen.query_one("#demo-status").render())
        pid = run.pid
    # Quitting the app stopped the demo and everything in its process group.
    assert wait_for_group_exit(pid, 15) == []
    assert run.process.returncode is not None
