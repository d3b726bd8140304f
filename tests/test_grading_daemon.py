"""The per-user grading daemon behind `dltutor check` (tutor.grading.daemon)."""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
import time

import pytest

from tutor.content.catalog import shipped_catalog

SOLUTION = shipped_catalog().exercises["conv2d"].solution
CRASH = "import os\n\ndef conv2d(x, weight, bias=None, stride=1, padding=0):\n    os._exit(3)\n"


@pytest.fixture
def daemon_on(monkeypatch, dltutor_home):
    monkeypatch.delenv("DLTUTOR_NO_DAEMON", raising=False)
    monkeypatch.setenv("DLTUTOR_DAEMON_IDLE", "60")
    from tutor.grading import daemon

    yield daemon
    daemon.stop()


def check(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tutor", "check", "conv2d", *args], capture_output=True, text=True,
                          timeout=600, env=env)


@pytest.mark.slow
def test_first_check_starts_the_daemon_and_later_ones_reuse_it(daemon_on, tmp_path):
    first = check("--file", str(SOLUTION), "--json", "--seed", "1")
    assert first.returncode == 0, first.stderr
    facts = daemon_on.ping()
    assert facts and facts["pong"] and facts["grades"] == 1
    pid = facts["pid"]
    second = check("--file", str(SOLUTION), "--json", "--seed", "1")
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout)["status"] == "pass"
    facts = daemon_on.ping()
    assert facts["pid"] == pid and facts["grades"] == 2
    # Owner-only: the folder and the socket.
    assert stat.S_IMODE(os.stat(daemon_on.run_dir()).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(daemon_on.socket_path()).st_mode) == 0o600


@pytest.mark.slow
def test_a_crash_of_learner_code_leaves_the_daemon_serving(daemon_on, tmp_path):
    crash = tmp_path / "crash.py"
    crash.write_text(CRASH)
    result = check("--file", str(crash), "--json", "--seed", "2")
    assert result.returncode == 1
    assert json.loads(result.stdout)["status"] == "error"
    assert daemon_on.ping() is not None
    again = check("--file", str(SOLUTION), "--json", "--seed", "2")
    assert again.returncode == 0, again.stderr


@pytest.mark.slow
def test_two_clients_at_once_both_get_their_verdict(daemon_on, tmp_path):
    assert check("--file", str(SOLUTION), "--json", "--seed", "3").returncode == 0  # started, warm
    wrong = tmp_path / "wrong.py"
    wrong.write_text("def conv2d(x, weight, bias=None, stride=1, padding=0):\n    return x\n")
    results: dict[str, subprocess.CompletedProcess] = {}
    threads = [threading.Thread(target=lambda name=name, path=path: results.__setitem__(name, check(
        "--file", str(path), "--json", "--seed", "3"))) for name, path in (("right", SOLUTION), ("wrong", wrong))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert json.loads(results["right"].stdout)["status"] == "pass"
    assert json.loads(results["wrong"].stdout)["status"] == "fail"
    assert daemon_on.ping()["grades"] == 3


@pytest.mark.slow
def test_the_daemon_leaves_when_idle(daemon_on, monkeypatch):
    monkeypatch.setenv("DLTUTOR_DAEMON_IDLE", "2")
    assert check("--file", str(SOLUTION), "--json", "--seed", "4").returncode == 0
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and daemon_on.ping() is not None:
        time.sleep(0.5)
    assert daemon_on.ping() is None
    assert not daemon_on.socket_path().exists()


@pytest.mark.slow
def test_a_daemon_of_another_version_is_replaced(daemon_on):
    # An "old" daemon, as if dltutor had been upgraded since it started.
    code = "import tutor; tutor.__version__ = '0.0.0-old'; from tutor.grading import daemon; daemon.serve()"
    old = subprocess.Popen([sys.executable, "-c", code], start_new_session=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    try:
        facts = daemon_on.wait_ready(old, timeout=300)
        assert facts["pong"] == "0.0.0-old"
        result = check("--file", str(SOLUTION), "--json", "--seed", "5")
        assert result.returncode == 0, result.stderr
        assert old.wait(timeout=30) == 0  # it left when asked
        facts = daemon_on.ping()
        from tutor import __version__

        assert facts["pong"] == __version__ and facts["pid"] != old.pid
    finally:
        if old.poll() is None:
            old.kill()


def test_no_daemon_flag_and_environment_grade_in_process(tmp_path, dltutor_home):
    from tutor.grading import daemon

    result = check("--file", str(SOLUTION), "--json", "--seed", "6", "--no-daemon")
    assert result.returncode == 0, result.stderr
    assert daemon.ping() is None and not daemon.socket_path().exists()


def test_a_socket_someone_else_owns_is_not_used(tmp_path, dltutor_home, monkeypatch):
    from tutor.grading import daemon

    daemon.run_dir().mkdir(parents=True)
    daemon.socket_path().write_text("not a socket")
    with pytest.raises(daemon.DaemonUnavailable):
        daemon._exchange({"ping": True}, 1.0)
    assert daemon.ping() is None
