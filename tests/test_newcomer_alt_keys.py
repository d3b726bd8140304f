"""alt+1/2/3 in a real terminal: what the terminal sends (ESC, then the digit) reaches the app as
alt+digit — the exercise screen's pane keys — not as "¡", "™", "£" typed into the learner's code.

Found by a newcomer in tmux at 80×24: alt+3 in the editor (the README's key for the results
pane) inserted "£" at the cursor; alt+1 inserted "¡", a syntax error at the next grade.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from textual import constants
from textual._xterm_parser import XTermParser


def keys_for(data: str) -> list[str]:
    """The key names Textual's terminal parser makes of `data`, as if a terminal had sent it and
    then paused (an ESC alone waits ESCAPE_DELAY for the rest of a sequence)."""
    parser = XTermParser()
    events = list(parser.feed(data))
    time.sleep(constants.ESCAPE_DELAY + 0.05)
    events += list(parser.tick())
    return [event.key for event in events if hasattr(event, "key")]


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path / "home"))
    from tutor.tui.app import DLTutorApp

    app = DLTutorApp()
    yield app
    app.store.close()


@pytest.mark.parametrize("digit", ["1", "2", "3"])
def test_escape_digit_is_alt_digit_once_the_app_exists(app, digit):
    assert keys_for("\x1b" + digit) == [f"alt+{digit}"]


def test_the_exercise_screen_binds_what_the_parser_now_sends(app):
    from tutor.tui.screens.exercise import ExerciseScreen

    keys = {binding.key: binding.action for binding in ExerciseScreen.BINDINGS}
    assert keys["alt+1"] == "show_pane('instructions')"
    assert keys["alt+3"] == "show_pane('results')"


def test_other_escape_sequences_are_untouched(app):
    assert keys_for("\x1b[A") == ["up"]
    assert keys_for("\x1b") == ["escape"]
    assert keys_for("\x1bx") == ["alt+x"]
