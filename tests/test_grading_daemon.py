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
    """The daemon turned on, in this test's own home: a daemon of its own, stopped at the end."""
    monkeypatch.delenv("DLTUTOR_NO_DAEMON", raising=False)
    monkeypatch.setenv("DLTUTOR_DAEMON_IDLE", "60")
    from tutor.grading import daemon

    yield daemon
    daemon.stop()


@pytest.fixture(scope="module")
def shared_home(tmp_path_factory):
    """One home, and so one daemon, for the tests that only need a daemon to talk to: starting one
    (torch in the daemon and in its fork-server) is the slow part, and they prove nothing about it."""
    home = tmp_path_factory.mktemp("daemon-home")
    yield home
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DLTUTOR_HOME", str(home))
        from tutor.grading import daemon

        daemon.stop()


@pytest.fixture
def shared_daemon(monkeypatch, dltutor_home, shared_home):
    """The daemon turned on in the module's shared home (it may already be serving)."""
    monkeypatch.setenv("DLTUTOR_HOME", str(shared_home))
    monkeypatch.delenv("DLTUTOR_NO_DAEMON", raising=False)
    monkeypatch.setenv("DLTUTOR_DAEMON_IDLE", "60")
    from tutor.grading import daemon

    return daemon


def check(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tutor", "check", "conv2d", *args], capture_output=True, text=True,
                          timeout=600, env=env)


@pytest.mark.slow
def test_first_check_starts_the_daemon_and_later_ones_reuse_it(shared_daemon, tmp_path):
    daemon_on = shared_daemon
    daemon_on.stop()  # none runs when this test comes first; its daemon then serves the next tests
    assert daemon_on.ping() is None
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
def test_a_crash_of_learner_code_leaves_the_daemon_serving(shared_daemon, tmp_path):
    crash = tmp_path / "crash.py"
    crash.write_text(CRASH)
    result = check("--file", str(crash), "--json", "--seed", "2")
    assert result.returncode == 1
    assert json.loads(result.stdout)["status"] == "error"
    facts = shared_daemon.ping()
    assert facts is not None
    again = check("--file", str(SOLUTION), "--json", "--seed", "2")
    assert again.returncode == 0, again.stderr
    assert shared_daemon.ping()["pid"] == facts["pid"]  # the same daemon graded the crash and the next file


@pytest.mark.slow
def test_two_clients_at_once_both_get_their_verdict(shared_daemon, tmp_path):
    assert check("--file", str(SOLUTION), "--json", "--seed", "3").returncode == 0  # started, warm
    graded = shared_daemon.ping()["grades"]
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
    assert shared_daemon.ping()["grades"] == graded + 2


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
    # An "old" daemon, as if dltutor had been upgraded since it started: the real serve() loop, which
    # answers the new client's request with "mismatch" and leaves before anything is graded. It never
    # grades, so its grader and fork-server are stand-ins: the test does not wait for torch to load twice.
    code = ("import sys, types, tutor; tutor.__version__ = '0.0.0-old'\n"
            "client = types.ModuleType('tutor.grading.sandbox_client')\n"
            "client.Cancelled, client.warm_up = RuntimeError, lambda: None\n"
            "engine = types.ModuleType('tutor.grading.engine')\n"
            "engine.grade = None\n"
            "sys.modules.update({client.__name__: client, engine.__name__: engine})\n"
            "from tutor.grading import daemon; daemon.serve()")
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


@pytest.mark.slow          # a cold start: torch loads in a fresh process (twice, with the fork-server)
def test_no_daemon_flag_and_environment_grade_in_process(tmp_path, dltutor_home, monkeypatch):
    from tutor.grading import daemon

    # The flag alone (conftest sets DLTUTOR_NO_DAEMON=1 for every test, which would pass this by itself).
    monkeypatch.delenv("DLTUTOR_NO_DAEMON")
    result = check("--file", str(SOLUTION), "--json", "--seed", "6", "--no-daemon")
    assert result.returncode == 0, result.stderr
    assert daemon.ping() is None and not daemon.socket_path().exists()
    # The environment alone: every other `dltutor check` in the suite grades in-process through it.
    assert not daemon.disabled()
    monkeypatch.setenv("DLTUTOR_NO_DAEMON", "1")
    assert daemon.disabled()


def test_a_socket_someone_else_owns_is_not_used(tmp_path, dltutor_home, monkeypatch):
    from tutor.grading import daemon

    daemon.run_dir().mkdir(parents=True)
    daemon.socket_path().write_text("not a socket")
    with pytest.raises(daemon.DaemonUnavailable):
        daemon._exchange({"ping": True}, 1.0)
    assert daemon.ping() is None
