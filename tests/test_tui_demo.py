"""Pilot tests of the demo screen: a fake event stream (what each event turns into, redraws
throttled and pushed by the run rather than polled, learner-facing text without markup), the
layout at 80×24, focus and zoom of every pane, a real quick gd run, the stop key, and a run that
keeps going on another screen and is stopped — process group and all — when the app exits.
"""
from __future__ import annotations

import threading
from pathlib import Path

import pytest
from conftest import make_app_without_grading, screen_text, text_contrast, wait_for

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

    app = make_app_without_grading()
    async with app.run_test(size=SIZE) as pilot:
        run = DemoRun("cnn", device="cpu", epochs=1)
        app.demo_runs["cnn"] = run
        screen = await open_demo(pilot, "cnn")
        plot = screen.query_one("#demo-loss", MetricsPlot)
        draws = []
        original = plot.show
        plot.show = lambda *a, **k: (draws.append(1), original(*a, **k))

        await pilot.pause(0.6)
        assert draws == []                              # nothing happened: nothing is redrawn (no polling)
        for event in fake_events():                    # all at once: one redraw, not seven
            run.add(event)
        await wait_for(pilot, lambda: draws, 5, "a redraw")
        await pilot.pause(0.6)
        assert len(draws) == 1
        # Losses and accuracies on plots of their own; lr is a number, not a curve.
        assert plot.names == ["loss"]
        assert screen.query_one("#demo-accuracy", MetricsPlot).names == ["test_accuracy"]
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


async def test_news_from_the_reader_thread_is_redrawn_at_most_four_times_a_second():
    from tutor.tui.screens.demo import REDRAW_INTERVAL_S
    from tutor.tui.widgets.plot import MetricsPlot

    app = make_app_without_grading()
    async with app.run_test(size=SIZE) as pilot:
        run = DemoRun("cnn", device="cpu", epochs=1)
        app.demo_runs["cnn"] = run
        screen = await open_demo(pilot, "cnn")
        plot = screen.query_one("#demo-loss", MetricsPlot)
        draws: list[float] = []
        original = plot.show
        plot.show = lambda *a, **k: (draws.append(app._loop.time()), original(*a, **k))

        def talk() -> None:                            # as the reader thread does: 60 events in ~1.2 s
            import time

            for step in range(60):
                run.add(events.metric(step, {"loss": 1 / (step + 1)}))
                time.sleep(0.02)

        thread = threading.Thread(target=talk)
        thread.start()
        await wait_for(pilot, lambda: not thread.is_alive(), 20, "the fake reader")
        await wait_for(pilot, lambda: plot.names and len(run.series["loss"][0]) == 60
                       and screen._shown[1] == run.version, 5, "the last redraw")
        gaps = [later - earlier for earlier, later in zip(draws, draws[1:], strict=False)]
        assert 2 <= len(draws) <= 10, draws
        assert min(gaps) >= REDRAW_INTERVAL_S * 0.9, gaps


async def test_at_80x24_every_pane_fits_and_the_status_wraps_instead_of_cutting():
    from textual.widgets import Footer

    app = make_app_without_grading()
    async with app.run_test(size=(80, 24)) as pilot:
        run = DemoRun("cnn", device="cpu", epochs=1)
        app.demo_runs["cnn"] = run
        screen = await open_demo(pilot, "cnn")
        for event in fake_events():
            run.add(event)
        many = {"loss": 0.123456, "test_accuracy": 0.5, "train_accuracy": 0.75, "lr": 0.001,
                "seconds_per_step": 0.0421, "grad_norm": 12.5}
        run.add(events.metric(3, many))
        await wait_for(pilot, lambda: screen._shown[1] == run.version, 5, "the redraw")
        await pilot.pause()
        text = screen_text(app)
        status = screen.query_one("#demo-status").region
        shown = " ".join(" ".join(text.splitlines()[status.y:status.bottom]).split())
        from tutor.demos.labels import label

        for name, value in many.items():               # every metric, whole, on screen, under its name
            assert f"{label(name)} {value:.4g}" in shown, (name, text)
        assert "…" not in str(screen.query_one("#demo-status").render())
        footer = screen.query_one(Footer)
        assert footer.region.y == 23 and footer.region.height == 1
        assert "Zoom pane" in text.splitlines()[23]
        for plot_id in ("#demo-loss", "#demo-accuracy"):
            assert screen.query_one(plot_id).region.height >= 8, plot_id
        assert screen.query_one("#demo-pictures").region.height >= 5
        for button in ("#demo-start", "#demo-stop"):
            region = screen.query_one(button).region
            assert region.right <= 80 and region.width >= 10, (button, region)
        assert "Start (r)" in text and "Stop (s)" in text


async def test_every_pane_takes_focus_and_f4_zooms_the_focused_one():
    app = make_app_without_grading()
    async with app.run_test(size=(80, 24)) as pilot:
        run = DemoRun("cnn", device="cpu", epochs=1)
        app.demo_runs["cnn"] = run
        for event in fake_events():
            run.add(event)
        screen = await open_demo(pilot, "cnn")
        await wait_for(pilot, lambda: screen.query_one("#demo-accuracy").display, 5, "the accuracy plot")
        for pane in screen.panes():
            pane.focus()
            await pilot.pause()
            assert screen.focused is pane
            await pilot.press("f4")
            await pilot.pause()
            assert screen.maximized is pane
            assert pane.region.height >= 20, (pane, pane.region)     # the screen, less header and footer
            await pilot.press("f4")
            assert screen.maximized is None
        # Tab reaches the panes, not only the controls.
        screen.query_one("#demo-name").focus()
        seen = set()
        for _ in range(12):
            await pilot.press("tab")
            seen.add(screen.focused.id)
        assert {"demo-loss", "demo-accuracy", "demo-pictures", "demo-log"} <= seen, seen
        # The pictures are redrawn to the zoomed width.
        screen.query_one("#demo-pictures").focus()
        await pilot.press("f4")
        await pilot.pause()
        picture = screen.query_one("#demo-pictures").children[0]
        assert picture.size.width >= 70
        await pilot.press("escape")                     # escape leaves the zoom before it leaves the screen
        assert screen.maximized is None and app.screen is screen


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_start_and_stop_are_readable_in_both_themes(theme):
    app = make_app_without_grading()
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        screen = await open_demo(pilot, "cnn")
        await pilot.pause()
        assert text_contrast(app, screen.query_one("#demo-start"), "Start") >= 4.5
        app.demo_runs["gd"] = DemoRun("gd", device="cpu")   # never started: "starting", so Stop is live
        screen.query_one("#demo-name").value = "gd"
        await wait_for(pilot, lambda: not screen.query_one("#demo-stop").disabled, 5, "Stop enabled")
        await pilot.pause()
        assert text_contrast(app, screen.query_one("#demo-stop"), "Stop") >= 4.5


async def test_a_quick_gd_run_plots_draws_and_finishes():
    from textual.widgets import ProgressBar, Static

    from tutor.tui.widgets.picture import Picture
    from tutor.tui.widgets.plot import MetricsPlot

    app = make_app_without_grading()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_demo(pilot, "gd", steps=40)
        await pilot.press("r")
        run = app.demo_runs["gd"]
        await wait_for(pilot, lambda: run.ended is not None, 120, "the gd demo to finish")
        await pilot.pause(0.5)                          # the next redraw
        assert run.state == "finished", (run.error, run.stderr[-2000:])
        assert run.summary["steps"] == 40
        assert "finished" in str(screen.query_one("#demo-status", Static).render())
        assert set(screen.query_one("#demo-loss", MetricsPlot).names) == {"loss_plain", "loss_momentum"}
        assert not screen.query_one("#demo-accuracy").display      # no accuracies: the loss plot has the row
        bar = screen.query_one("#demo-progress", ProgressBar)
        assert bar.progress == bar.total == 40
        assert len(screen.query(Picture)) == 1
        assert run.returncode == 0


async def test_the_stop_key_stops_a_run_and_its_processes():
    app = make_app_without_grading()
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

    app = make_app_without_grading()
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
