"""Learner code cannot reach outside its sandbox, and the warm service grades honestly after each try.

Every hostile file under tests/learner_files/hostile/ is graded by one warm grading service (the TUI's),
from the learner's workspace inside $DLTUTOR_HOME as a real learner file would be; then the model
solution must still pass in the same service. Tests that need the kernel's walls (namespaces) skip
where `isolation.probe()` finds them missing; the grading itself must work everywhere.
"""
from __future__ import annotations

import io
import os
import shutil
import socket
import sqlite3
import tempfile
import time
from pathlib import Path

import pytest

from tutor.content import shipped_catalog
from tutor.grading import isolation
from tutor.grading.client import GradingService
from tutor.grading.result import clean_text, from_json

HOSTILE = Path(__file__).parent / "learner_files" / "hostile"
CONV2D = shipped_catalog().exercise("conv2d")
CHECKOUT = Path(__file__).resolve().parent.parent
WALLS = isolation.probe()
needs_walls = pytest.mark.skipif(WALLS["level"] != "full", reason=f"sandbox level here: {WALLS['level']}")


@pytest.fixture(scope="module")
def home():
    """A $DLTUTOR_HOME outside /tmp (learner code gets a private /tmp, which would hide the point)."""
    path = Path(tempfile.mkdtemp(prefix=".dltutor-hostile-home-", dir=Path.home()))
    (path / "workspace").mkdir()
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def service(home):
    # The walls alone: the in-process audit hook (tutor.grading.guards, tested in test_guards.py and the
    # corpus) would refuse most of these files before they reach a wall.
    grading = GradingService(env=dict(os.environ, DLTUTOR_HOME=str(home), DLTUTOR_SANDBOX_HOOK="off"))
    grading.start()
    assert grading.grade("conv2d", CONV2D.solution, seed=1, device="cpu")["status"] == "pass"  # warm
    yield grading
    grading.close()


def grade_hostile(service, home: Path, name: str) -> dict:
    """Grade the hostile file from the workspace, then check an honest solution still passes."""
    target = home / "workspace" / name
    shutil.copy(HOSTILE / name, target)
    started = time.monotonic()
    result = service.grade("conv2d", target, seed=1, device="cpu")
    result["seconds"] = time.monotonic() - started
    assert "status" in result, result
    honest = service.grade("conv2d", CONV2D.solution, seed=1, device="cpu")
    assert honest.get("status") == "pass", f"after {name}: {honest}"
    return result


def strings(value):
    """Every string inside a JSON-like value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(key)
            yield from strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from strings(item)


def processes_with(marker: str) -> list[int]:
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/cmdline", "rb") as handle:
                    if marker.encode() in handle.read():
                        found.append(int(name))
            except OSError:
                pass
    return found


def wait_until_gone(marker: str, seconds: float = 3.0) -> list[int]:
    deadline = time.monotonic() + seconds
    while (alive := processes_with(marker)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return alive


@pytest.mark.slow
@needs_walls
def test_state_folder_cannot_be_written(service, home):
    result = grade_hostile(service, home, "write_state.py")
    assert result["status"] == "fail"
    assert "WROTE" not in result["output"] and result["output"].count("refused") == 4, result["output"]
    assert not (home / "cache" / "catalog-planted.pickle").exists()
    assert not (home / "workspace" / "planted.txt").exists()
    assert b"forged" not in (home / "progress.sqlite3").read_bytes() if (home / "progress.sqlite3").exists() else True
    assert not Path("/tmp/dltutor-hostile-pickle-ran").exists()
    assert not (Path.home() / ".dltutor-hostile").exists()


@pytest.mark.slow
@needs_walls
def test_content_is_hidden_and_checkout_read_only(service, home):
    planted = [CHECKOUT / "exercises" / "conv2d" / "planted.py", CHECKOUT / "tutor" / "planted.py"]
    try:
        result = grade_hostile(service, home, "write_content.py")
        assert "solution refused" in result["output"] and "READ" not in result["output"], result["output"]
        assert "WROTE" not in result["output"]
        assert not any(p.exists() for p in planted)
    finally:
        for path in planted:
            path.unlink(missing_ok=True)


@pytest.mark.slow
def test_detached_processes_die_with_the_grade(service, home):
    marker = "dltutor-hostile-detached-marker"
    result = grade_hostile(service, home, "detached.py")
    assert result["status"] == "fail"
    assert wait_until_gone(marker) == [], "a process the learner's code detached outlived the grade"


@pytest.mark.slow
def test_a_grandchild_past_the_memory_limit_is_stopped(service, home):
    result = grade_hostile(service, home, "grandchild_memory.py")
    assert result["status"] == "error"
    assert any("memory" in t["message"] for t in result["tests"]), result["tests"]
    assert wait_until_gone("blocks.append") == []
    assert result["seconds"] < CONV2D.timeout  # the watch, not the time limit, stopped it


@pytest.mark.slow
@needs_walls
def test_filling_tmp_stays_in_the_sandbox(service, home):
    result = grade_hostile(service, home, "fill_tmp.py")
    assert result["status"] == "fail"
    assert not Path("/tmp/dltutor-hostile-fill").exists()
    assert not Path("/dev/shm/dltutor-hostile-fill").exists()
    for line in result["output"].splitlines():
        assert int(line.split("stopped after ")[1].split()[0]) <= isolation.TMP_BYTES // 1024**2


@pytest.mark.slow
def test_sigstop_cannot_wedge_grading(service, home):
    result = grade_hostile(service, home, "sigstop.py")
    assert result["status"] in ("fail", "timeout")
    assert result["seconds"] < CONV2D.timeout + 10
    with open(f"/proc/{service.process.pid}/stat") as stat:
        assert stat.read().rsplit(")", 1)[1].split()[0] != "T", "the grading service was stopped"


@pytest.mark.slow
def test_a_fifo_in_place_of_the_output_file_cannot_block(service, home):
    result = grade_hostile(service, home, "fifo_output.py")
    assert result["status"] == "fail"
    assert "before the swap" in result["output"]


@pytest.mark.slow
def test_a_huge_frame_header_is_refused_unread(service, home):
    result = grade_hostile(service, home, "huge_frame.py")
    assert result["status"] == "error"
    assert any("bytes" in t["message"] and "MiB" in t["message"] for t in result["tests"]), result["tests"]
    assert result["seconds"] < CONV2D.timeout


@pytest.mark.slow
def test_terminal_control_sequences_never_leave_the_grader(service, home):
    from rich.console import Console

    from tutor.commands.check import render

    result = grade_hostile(service, home, "terminal_escapes.py")
    text = "".join(strings(result))
    for control in ("\x1b", "\x07", "\x9b", "\r", "\x7f"):
        assert control not in text, (control, text)
    assert "clipboard" in result["output"] and "✔ PASS" in result["output"]  # the words stay, harmless
    screen = io.StringIO()
    render(from_json(result), CONV2D, Console(file=screen, force_terminal=True, width=120))
    shown = screen.getvalue()
    assert "\x1b]52" not in shown and "\x1b[2J" not in shown and "\x1b[1A" not in shown and "\r" not in shown


def test_clean_text_keeps_newlines_and_tabs():
    assert clean_text("a\tb\nc\x1b[2J\x00\x85\u202e") == "a\tb\nc[2J"


@pytest.mark.slow
@needs_walls
def test_no_network(service, home):
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind(("127.0.0.1", 47613))
    except OSError:
        pytest.skip("port 47613 is taken on this machine")
    listener.listen(5)
    listener.setblocking(False)
    try:
        result = grade_hostile(service, home, "network.py")
        assert "CONNECTED" not in result["output"], result["output"]
        with pytest.raises(BlockingIOError):
            listener.accept()
    finally:
        listener.close()


@pytest.mark.slow
@needs_walls
def test_a_locked_database_does_not_outlive_the_grade(service, home):
    from tutor.progress.store import Store

    Store(home / "progress.sqlite3").close()  # the learner's real database exists
    result = grade_hostile(service, home, "lock_database.py")
    assert "LOCKED" not in result["output"], result["output"]
    started = time.monotonic()
    store = Store(home / "progress.sqlite3")
    store.record_attempt("conv2d", "pass", 0.1, 1, 0, None, "test")
    store.close()
    assert time.monotonic() - started < 5


def test_recording_into_a_locked_database_is_reported_not_raised(tmp_path, monkeypatch, capsys):
    from tutor.commands import check
    from tutor.grading.result import GradeResult, TestResult
    from tutor.progress import store as store_module

    def impatient(self):  # Store._connect with its 15 s busy timeout shortened for the test
        conn = sqlite3.connect(self.path, timeout=0.1, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        return conn

    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path))
    monkeypatch.setattr(store_module.Store, "_connect", impatient)
    database = tmp_path / "progress.sqlite3"
    store_module.Store(database).close()
    locker = sqlite3.connect(database, isolation_level=None)
    locker.execute("PRAGMA locking_mode=EXCLUSIVE")
    locker.execute("BEGIN EXCLUSIVE")
    try:
        result = GradeResult("conv2d", "pass", [TestResult("t", "pass")])
        assert check.record("conv2d", result, "cli") is False
    finally:
        locker.close()
    assert "not saved" in capsys.readouterr().err
    assert not list(tmp_path.glob("progress.sqlite3.broken-*")), "a locked database was moved aside as if broken"


@pytest.mark.slow
def test_without_walls_grading_still_works_and_detached_processes_still_die(tmp_path):
    """The fallback (DLTUTOR_SANDBOX_WALLS=off: no namespaces) grades and still sweeps what is left behind."""
    (tmp_path / "workspace").mkdir()
    grading = GradingService(env=dict(os.environ, DLTUTOR_HOME=str(tmp_path), DLTUTOR_SANDBOX_WALLS="off"))
    try:
        grading.start()
        result = grade_hostile(grading, tmp_path, "detached.py")
        assert result["status"] == "fail"
        assert wait_until_gone("dltutor-hostile-detached-marker") == []
    finally:
        grading.close()


@pytest.mark.slow
@needs_walls
def test_the_layout_without_root_holds_the_same_walls(home):
    """A user namespace and a trusted middle process (what a learner without root gets), forced here."""
    grading = GradingService(env=dict(os.environ, DLTUTOR_HOME=str(home), DLTUTOR_SANDBOX_WALLS="middle",
                                      DLTUTOR_SANDBOX_HOOK="off"))
    try:
        grading.start()
        written = grade_hostile(grading, home, "write_state.py")
        assert "WROTE" not in written["output"] and written["output"].count("refused") == 4, written["output"]
        assert not (home / "workspace" / "planted.txt").exists()
        assert grade_hostile(grading, home, "detached.py")["status"] == "fail"
        assert wait_until_gone("dltutor-hostile-detached-marker") == []
        memory = grade_hostile(grading, home, "grandchild_memory.py")
        assert any("memory" in t["message"] for t in memory["tests"]), memory["tests"]
    finally:
        grading.close()


def test_doctor_reports_the_isolation_level():
    from tutor.commands.doctor import sandbox_text

    assert WALLS["level"] in ("full", "partial", "limits only", "unknown")
    assert WALLS["level"] in sandbox_text(WALLS)
    if WALLS["level"] == "full":
        assert {"pid-namespace", "read-only-files", "no-capabilities"} <= set(WALLS["mechanisms"])


# Last in this file: it wedges and kills the module's warm service rather than starting one of its
# own (a start costs two torch imports). Run out of order, the next grade would start a fresh one.
@pytest.mark.slow
def test_a_service_that_stops_answering_is_not_waited_on_forever(service, monkeypatch):
    """Even with the grader itself wedged (SIGSTOP from outside), the TUI's wait has a deadline."""
    import signal

    from tutor.grading import client

    grading = service
    assert grading.grade("conv2d", CONV2D.solution, seed=1)["status"] == "pass"   # answering, ready
    monkeypatch.setattr(client, "REPLY_DEADLINE_S", 1.0)
    os.kill(grading.process.pid, signal.SIGSTOP)
    started = time.monotonic()
    reply = grading.grade("conv2d", CONV2D.solution, seed=1)
    assert "stopped answering" in reply.get("error", ""), reply
    assert time.monotonic() - started < 10
    assert not grading.running


@pytest.fixture(scope="module")
def checkout_under_tmp():
    """A copy of the checkout under /tmp (compiled modules included: only the place is under test), with
    torch's folder reached through a symlink there, and a secret elsewhere in /tmp."""
    root = Path(tempfile.mkdtemp(prefix="dltutor-checkout-", dir="/tmp"))
    secret = Path(tempfile.mkdtemp(prefix="dltutor-secret-", dir="/tmp")) / "secret.txt"
    for folder in ("tutor", "exercises", "lessons"):
        shutil.copytree(CHECKOUT / folder, root / folder)
    shutil.copy(CHECKOUT / "pyproject.toml", root)
    (root / "site").symlink_to(Path(torch_file()).parent.parent)
    secret.write_text("private\n")
    yield root, secret
    shutil.rmtree(root, ignore_errors=True)
    shutil.rmtree(secret.parent, ignore_errors=True)


@pytest.mark.slow
@needs_walls
@pytest.mark.parametrize("layout", ["root", "middle"])
def test_a_checkout_and_venv_under_tmp_still_grade_behind_a_private_tmp(home, checkout_under_tmp, layout):
    """A project cloned under /tmp, with its packages reached through /tmp too: the private /tmp must keep
    what the interpreter imports lazily (torch does, after the walls are up) and hide everything else."""
    root, secret = checkout_under_tmp
    env = dict(os.environ, DLTUTOR_HOME=str(home), DLTUTOR_SANDBOX_HOOK="off",
               PYTHONPATH=os.pathsep.join([str(root), str(root / "site")]))
    if layout == "middle":
        env["DLTUTOR_SANDBOX_WALLS"] = "middle"  # the user-namespace layout a learner without root gets
    grading = GradingService(env=env)
    try:
        grading.start()
        solution = root / "exercises" / "conv2d" / "solution.py"
        hidden = grade_hostile(grading, home, "write_content.py")  # finds the checkout under /tmp
        assert "solution refused" in hidden["output"] and "READ" not in hidden["output"], hidden["output"]
        assert "WROTE" not in hidden["output"]
        peek = home / "workspace" / "peek_tmp.py"
        peek.write_text(f"import os\nprint('SECRET' if os.path.exists({str(secret)!r}) else 'no secret')\n"
                        + solution.read_text())
        peeked = grading.grade("conv2d", peek, seed=1, device="cpu")
        assert peeked["status"] == "pass" and "no secret" in peeked["output"], peeked
    finally:
        grading.close()


def torch_file() -> str:
    import torch

    return torch.__file__
