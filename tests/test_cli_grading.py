"""`dltutor check/hint/solution/watch` as a learner uses them, with progress recorded.

Each is a real CLI process; the ones that grade talk to the session's warm daemon (conftest's
`warm_daemon`), as a learner's checks after the first do. Starting the daemon and grading without it
are tests/test_grading_daemon.py's."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from tutor.content import shipped_catalog
from tutor.progress import open_store

CONV2D = shipped_catalog().exercise("conv2d")


def dltutor(*args, stdin: str | None = None, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tutor", *args], capture_output=True, text=True, input=stdin,
                          timeout=timeout, stdin=None if stdin is not None else subprocess.DEVNULL)


def test_check_records_attempts_and_list_shows_passed(dltutor_home, warm_daemon):
    assert dltutor("start", "conv2d").returncode == 0
    failing = dltutor("check", "conv2d")
    assert failing.returncode == 1
    assert "FAIL" in failing.stdout and "not implemented yet" in failing.stdout
    workspace = Path(dltutor_home) / "workspace" / "conv2d.py"
    workspace.write_text(CONV2D.solution.read_text())
    passing = dltutor("check", "conv2d", "--seed", "5")
    assert passing.returncode == 0 and "PASS" in passing.stdout, passing.stdout
    store = open_store()
    attempts = store.attempts("conv2d")
    assert [a["status"] for a in attempts] == ["fail", "pass"]
    assert attempts[1]["seed"] == 5
    listing = json.loads(dltutor("list", "--json").stdout)
    assert next(e for e in listing["exercises"] if e["id"] == "conv2d")["status"] == "passed"


def test_human_output_names_the_mistake_and_points_to_hints(warm_daemon):
    out = dltutor("check", "conv2d", "--file", str(CONV2D.mistakes["flipped_kernel"].path), "--seed", "2").stdout
    assert "Classic mistake" in out and "flipped_kernel" in out
    assert "smallest failing case" in out
    assert "dltutor hint conv2d" in out


def test_hints_are_revealed_one_at_a_time_and_recorded():
    first = dltutor("hint", "conv2d")
    assert "Hint 1/3 (new)" in first.stdout and "Hint 2/3" not in first.stdout
    second = dltutor("hint", "conv2d")
    assert "Hint 1/3 (seen)" in second.stdout and "Hint 2/3 (new)" in second.stdout
    dltutor("hint", "conv2d")
    last = dltutor("hint", "conv2d")
    assert "last hint" in last.stdout
    assert open_store().exercise_state("conv2d").hints_revealed == 3


def test_solution_only_after_a_pass_or_giving_up(dltutor_home):
    refused = dltutor("solution", "conv2d")
    assert refused.returncode == 1 and "def conv2d" not in refused.stdout
    assert not open_store().exercise_state("conv2d").solution_revealed
    given_up = dltutor("solution", "conv2d", "--give-up")
    assert given_up.returncode == 0 and "def conv2d" in given_up.stdout
    state = open_store().exercise_state("conv2d")
    assert state.solution_revealed and state.gave_up


def test_solution_after_a_pass_is_not_giving_up(dltutor_home, warm_daemon):
    assert dltutor("check", "conv2d", "--file", str(CONV2D.solution)).returncode == 0
    shown = dltutor("solution", "conv2d")
    assert shown.returncode == 0 and "def conv2d" in shown.stdout
    state = open_store().exercise_state("conv2d")
    assert state.solution_revealed and not state.gave_up


def test_watch_regrades_on_save(dltutor_home, tmp_path, warm_daemon):
    target = tmp_path / "mine.py"
    target.write_text(CONV2D.starter.read_text())
    process = subprocess.Popen([sys.executable, "-m", "tutor", "watch", "conv2d", "--file", str(target)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(process.stdout.readline, "")), daemon=True)
    reader.start()
    try:
        deadline = time.time() + 150
        wrote = False
        while time.time() < deadline:
            seen = "".join(lines)
            if "FAIL" in seen and not wrote:
                time.sleep(0.5)
                target.write_text(CONV2D.solution.read_text())
                wrote = True
            if wrote and "PASS" in seen:
                break
            time.sleep(0.2)
    finally:
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=20)
    seen = "".join(lines)
    assert "FAIL" in seen and "PASS" in seen, seen[-2000:]
    assert [a["source"] for a in open_store().attempts("conv2d")] == ["watch", "watch"]
