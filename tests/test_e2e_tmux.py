"""End to end, in a real terminal: `dltutor open conv2d` inside tmux at 80×24, a wrong and then a
correct solution written into the workspace file from outside, ctrl+r, the named mistake and then
PASS on the screen, `n` to the next exercise; after quitting, no process of that run is left (app,
grading service, fork-server, sandboxes). And ctrl+e hands the terminal to $EDITOR at 120×40.

tmux runs on a private socket, so the learner's own tmux server is never touched.
"""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tutor.content import shipped_catalog

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")]

CHECKOUT = Path(__file__).resolve().parent.parent
WAIT_S = 90.0        # the test machine is slow and often busy: wait generously, never assert on time


class Tmux:
    def __init__(self, name: str) -> None:
        self.socket = name
        self.session = name

    def __call__(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=30)
        if check and done.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout

    def screen(self) -> str:
        return self("capture-pane", "-p", "-t", self.session, check=False)

    def wait_for(self, text: str, what: str) -> str:
        deadline = time.monotonic() + WAIT_S
        while True:
            screen = self.screen()
            if text in screen:
                return screen
            if time.monotonic() > deadline:
                size = self("display", "-p", "-t", self.session, "#{window_width}x#{window_height}", check=False)
                raise AssertionError(f"timed out waiting for {what}; the {size.strip()} screen shows:\n{screen}")
            time.sleep(0.25)


def processes_of(home: Path) -> list[int]:
    """Processes whose environment holds DLTUTOR_HOME=home: everything this run started."""
    needle = f"DLTUTOR_HOME={home}".encode() + b"\0"
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes() + b"\0"
            state = next((l for l in (entry / "status").read_text().splitlines() if l.startswith("State:")), "")
        except OSError:
            continue
        if needle in environ and "Z" not in state.split(":", 1)[-1][:3]:   # zombies are already gone
            found.append(int(entry.name))
    return found


def launch(tmux: Tmux, home: Path, *env: str, size: tuple[int, int] = (120, 40)) -> None:
    """`python -m tutor open conv2d` in a tmux session (120×40 unless told) with DLTUTOR_HOME=home."""
    # COLUMNS/LINES from the test runner's environment would pin the app at 80×24.
    variables = " ".join(shlex.quote(v) for v in (f"DLTUTOR_HOME={home}", "TERM=xterm-256color", *env))
    command = f"env -u COLUMNS -u LINES {variables} {shlex.quote(sys.executable)} -m tutor open conv2d"
    tmux("new-session", "-d", "-s", tmux.session, "-x", str(size[0]), "-y", str(size[1]), "-c", str(CHECKOUT), command)


def test_ctrl_e_hands_the_terminal_to_editor_and_reloads_on_return(tmp_path):
    home = tmp_path / "home"
    # An "editor" that appends a line to the file it is given and returns.
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nprintf "\\n# edited in EDITOR\\n" >> "$1"\n')
    editor.chmod(0o755)
    tmux = Tmux(f"dltutor-e2e-editor-{os.getpid()}")
    launch(tmux, home, f"EDITOR={editor}")
    try:
        tmux.wait_for("def conv2d(", "the starter in the editor")
        tmux("send-keys", "-t", tmux.session, "C-e")
        tmux.wait_for("reloaded from disk", "the app to come back and reload the file")
        assert (home / "workspace" / "conv2d.py").read_text().endswith("\n# edited in EDITOR\n")
        tmux.wait_for("Instructions", "the exercise screen, redrawn")
        tmux("send-keys", "-t", tmux.session, "C-q")
    finally:
        tmux("kill-server", check=False)
        for pid in processes_of(home):
            try:
                os.kill(pid, 9)
            except ProcessLookupError:
                pass


def replace_file(path: Path, text: str) -> None:
    """Write as another editor would: the whole file at once."""
    partial = path.with_suffix(".tmp")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc to find stray processes")
def test_at_80x24_a_named_mistake_is_on_screen_and_n_leads_on_after_the_fix(tmp_path):
    """The learner's loop on a small terminal: a flipped kernel is graded and its classic mistake
    is named on the first screen of results (no scrolling); the fixed file passes, `n` opens the
    next exercise, and ctrl+q leaves no process of the run behind. (One app start for the whole
    loop: each start imports torch twice, in the grading service and its fork-server.)"""
    from tutor.tui.course import next_exercise

    catalog = shipped_catalog()
    conv2d = catalog.exercise("conv2d")
    following = next_exercise(catalog, "conv2d")
    home = tmp_path / "home"
    tmux = Tmux(f"dltutor-e2e-small-{os.getpid()}")
    launch(tmux, home, size=(80, 24))
    try:
        tmux.wait_for("def conv2d(", "the starter in the editor")
        workspace = home / "workspace" / "conv2d.py"
        assert workspace.exists()
        assert processes_of(home), "the app is not running with the test's DLTUTOR_HOME"
        replace_file(workspace, conv2d.mistakes["flipped_kernel"].path.read_text(encoding="utf-8"))
        tmux.wait_for("reloaded from disk", "the app to pick up the flipped kernel")
        tmux("send-keys", "-t", tmux.session, "C-r")
        screen = tmux.wait_for(conv2d.mistakes["flipped_kernel"].title, "the classic mistake's title")
        assert "FAIL" in screen and "Classic mistake" in screen
        assert screen.index("FAIL") < screen.index(conv2d.mistakes["flipped_kernel"].title)

        replace_file(workspace, conv2d.solution.read_text(encoding="utf-8"))
        tmux("send-keys", "-t", tmux.session, "2")              # back to the code: see it reloaded
        tmux.wait_for("reloaded from disk", "the app to pick up the fixed file")
        tmux("send-keys", "-t", tmux.session, "C-r")
        screen = tmux.wait_for("PASS", "the PASS verdict")
        assert "FAIL" not in screen and "press n" in screen
        tmux("send-keys", "-t", tmux.session, "n")
        tmux.wait_for(f"dltutor — {following.title[:30]}", "the next exercise's title in the header")
        assert (home / "workspace" / f"{following.id}.py").exists()
        tmux("send-keys", "-t", tmux.session, "C-q")
        deadline = time.monotonic() + 30
        while processes_of(home) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert processes_of(home) == [], "processes of the run outlived the app"
    finally:
        tmux("kill-server", check=False)
        for pid in processes_of(home):
            try:
                os.kill(pid, 9)
            except ProcessLookupError:
                pass
