"""Back on the demo screen from Home, the demo you started is the one shown.

Found by a newcomer: started the gd demo, went back to Home (the run goes on, as the README says),
pressed d — and the screen showed "cnn  not started", as if the run were gone; gd had to be picked
from the list again to see it.
"""
from __future__ import annotations

import pytest
from conftest import make_app_without_grading, wait_for

from tutor.demos.live_run import DemoRun

pytestmark = pytest.mark.asyncio


async def press_d_on_home(pilot):
    from tutor.tui.screens.demo import DemoScreen
    from tutor.tui.screens.home import HomeScreen

    await wait_for(pilot, lambda: isinstance(pilot.app.screen, HomeScreen), 10, "Home")
    await pilot.press("d")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, DemoScreen) and pilot.app.screen.query("#demo-log"),
                   10, "the demo screen")
    await pilot.pause()
    return pilot.app.screen


async def test_d_on_home_shows_the_demo_last_started():
    from textual.widgets import Select

    app = make_app_without_grading()
    async with app.run_test(size=(100, 35)) as pilot:
        app.demo_runs["gd"] = DemoRun("gd", device="cpu")       # never started: no process
        screen = await press_d_on_home(pilot)
        assert screen.demo == "gd"
        assert screen.query_one("#demo-name", Select).value == "gd"
        assert screen.run is app.demo_runs["gd"]


async def test_the_most_recent_of_two_runs_wins():
    app = make_app_without_grading()
    async with app.run_test(size=(100, 35)) as pilot:
        app.demo_runs["gd"] = DemoRun("gd", device="cpu")
        app.demo_runs["vae"] = DemoRun("vae", device="cpu")
        screen = await press_d_on_home(pilot)
        assert screen.demo == "vae"


async def test_without_a_run_the_first_demo_as_before():
    from tutor.demos.config import DEMOS

    app = make_app_without_grading()
    async with app.run_test(size=(100, 35)) as pilot:
        screen = await press_d_on_home(pilot)
        assert screen.demo == next(iter(DEMOS))


async def test_a_named_demo_is_opened_whatever_ran_last():
    from tutor.tui.screens.demo import DemoScreen

    app = make_app_without_grading()
    async with app.run_test(size=(100, 35)) as pilot:
        app.demo_runs["gd"] = DemoRun("gd", device="cpu")
        app.open_demo("rnn")
        await wait_for(pilot, lambda: isinstance(app.screen, DemoScreen) and app.screen.query("#demo-log"), 10,
                       "the demo screen")
        await pilot.pause()
        assert app.screen.demo == "rnn"
