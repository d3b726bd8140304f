"""A per-user grading daemon, so that `dltutor check` from a shell stays warm between calls.

The first `dltutor check` starts it (detached, in its own session) and every later one talks to it
over a Unix socket in $DLTUTOR_HOME/run (a folder only its owner can enter; the socket is 0600).
It keeps torch imported and the sandbox's fork-server ready, grades one request at a time (a second
client waits its turn), and exits after DLTUTOR_DAEMON_IDLE seconds without a request (default 300),
or at once when a client of another dltutor version or content folder asks (that client then
starts a fresh one). Learner code never runs in the daemon: each grade forks sandboxed children
exactly as `dltutor check --no-daemon` does.

Protocol: one JSON line each way per connection.
  request  {"version", "content", "exercise", "file", "seed", "device"}  ->  {"result": {...}} |
           {"error": message} | {"mismatch": reason}
  request  {"ping": true}  ->  {"pong": version, "pid", "content", "idle_s", "grades"}

Run as `python -m tutor.grading.daemon`. This module imports nothing heavy at the top: the
client half runs in the CLI process, which must not import torch.
"""
from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

from tutor import __version__, paths
from tutor.i18n.catalog import _
from tutor.i18n.lang import LANGUAGES, current_language, set_language

DEFAULT_IDLE_S = 300.0
START_TIMEOUT_S = 180.0     # a cold start imports torch; a busy laptop can take a while
MAX_LINE = 16 * 1024**2


class DaemonUnavailable(Exception):
    """No daemon could be reached or started: the caller grades in-process instead."""


def run_dir() -> Path:
    return paths.home() / "run"


def socket_path() -> Path:
    return run_dir() / "grader.sock"


def disabled() -> bool:
    return os.environ.get("DLTUTOR_NO_DAEMON", "").strip() not in ("", "0")


def idle_seconds() -> float:
    try:
        return max(1.0, float(os.environ.get("DLTUTOR_DAEMON_IDLE", DEFAULT_IDLE_S)))
    except ValueError:
        return DEFAULT_IDLE_S


def content_root() -> str:
    return str(paths.content_root().resolve())


# -- the client half (no torch) ------------------------------------------------------------------
def _private_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    info = os.stat(folder)
    if info.st_uid != os.getuid() or stat.S_IMODE(info.st_mode) & 0o077:
        raise DaemonUnavailable(_("{folder} is not private to this user").format(folder=folder))


def _exchange(request: dict, timeout: float | None) -> dict:
    path = socket_path()
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise DaemonUnavailable(_("no daemon is running")) from None
    if info.st_uid != os.getuid() or not stat.S_ISSOCK(info.st_mode):
        raise DaemonUnavailable(_("{path} is not this user's grading daemon").format(path=path))
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(timeout)
        try:
            client.connect(str(path))
            client.sendall((json.dumps(request) + "\n").encode())
            data = b""
            while not data.endswith(b"\n"):
                chunk = client.recv(65536)
                if not chunk:
                    break
                data += chunk
                if len(data) > MAX_LINE:
                    raise DaemonUnavailable(_("the daemon's reply was too long"))
        except (ConnectionRefusedError, FileNotFoundError):
            raise DaemonUnavailable(_("the daemon is not answering")) from None
        except (TimeoutError, OSError) as exc:
            raise DaemonUnavailable(_("the daemon stopped answering ({error})").format(error=exc)) from None
    if not data:
        raise DaemonUnavailable(_("the daemon closed the connection without an answer"))
    return json.loads(data)


def ping(timeout: float = 2.0) -> dict | None:
    """The running daemon's facts, or None when there is none."""
    try:
        return _exchange({"ping": True}, timeout)
    except (DaemonUnavailable, ValueError):
        return None


def start() -> subprocess.Popen:
    """Start a daemon in the background (its own session: it outlives this command)."""
    folder = run_dir()
    if len(str(socket_path())) > 100:  # the limit of a Unix socket's path is about 108 bytes
        raise DaemonUnavailable(_("the state folder's path is too long for a socket: {folder}").format(folder=folder))
    _private_folder(folder)
    log = open(folder / "grader.log", "ab")
    env = dict(os.environ)
    env.pop("DLTUTOR_NO_DAEMON", None)
    process = subprocess.Popen([sys.executable, "-m", "tutor.grading.daemon"], stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=log, start_new_session=True, close_fds=True,
                               env=env, cwd=str(folder))
    log.close()
    return process


def wait_ready(process: subprocess.Popen | None = None, timeout: float = START_TIMEOUT_S, on_wait=None) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        facts = ping(timeout=1.0)
        if facts is not None:
            return facts
        if process is not None and process.poll() is not None and ping(timeout=1.0) is None:
            raise DaemonUnavailable(_("the grading daemon exited at start (see {log})").format(log=run_dir() / "grader.log"))
        if on_wait:
            on_wait()
        time.sleep(0.05)
    raise DaemonUnavailable(_("the grading daemon did not start in time"))


def grade(exercise_id: str, file: Path | str, seed: int | None, device: str, on_wait=None) -> dict:
    """Grade through the daemon, starting one when none runs. Returns the check JSON."""
    request = {"version": __version__, "content": content_root(), "exercise": exercise_id,
               "file": str(Path(file).resolve()), "seed": seed, "device": device, "lang": current_language()}
    for _attempt in range(2):
        facts = ping()
        if facts is None or facts.get("pong") != __version__ or facts.get("content") != request["content"]:
            if facts is not None:
                try:  # another version or course: ask it to leave, then start ours
                    _exchange({"version": __version__, "content": request["content"], "quit": True}, 5.0)
                except DaemonUnavailable:
                    pass
                _wait_gone()
            wait_ready(start(), on_wait=on_wait)
        reply = _exchange(request, None)
        if "mismatch" in reply:
            continue
        if "error" in reply:
            raise DaemonError(reply["error"])
        return reply["result"]
    raise DaemonUnavailable(_("the grading daemon kept answering for another version"))


class DaemonError(Exception):
    """The daemon graded nothing and said why (an unknown id, --device cuda without CUDA…)."""


def _wait_gone(timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and socket_path().exists():
        time.sleep(0.05)


def stop() -> bool:
    """Ask a running daemon to exit (whatever its version). True when one was running."""
    facts = ping()
    if facts is None:
        return False
    try:
        _exchange({"version": facts.get("pong"), "content": facts.get("content"), "quit": True}, 5.0)
    except DaemonUnavailable:
        pass
    _wait_gone()
    return True


# -- the daemon half ------------------------------------------------------------------------------
def serve() -> int:
    import select
    import signal

    folder = run_dir()
    _private_folder(folder)
    path = socket_path()
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old_umask = os.umask(0o177)
    try:
        if path.exists():
            if ping(timeout=1.0) is not None:
                return 0  # another daemon won the race: it serves
            path.unlink()
        server.bind(str(path))
    finally:
        os.umask(old_umask)
    os.chmod(path, 0o600)
    ours = os.stat(path).st_ino
    server.listen(8)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))

    import hypothesis  # noqa: F401  (warm: the first grade should not pay for these imports)

    from tutor.content import shipped_catalog
    from tutor.grading.engine import grade as grade_file
    from tutor.grading.sandbox_client import Cancelled, warm_up

    warm_up()
    shipped_catalog()      # warm: the first grade should not pay for loading the course
    root = content_root()
    idle_limit = idle_seconds()
    last_request = time.monotonic()
    grades = 0
    try:
        while True:
            remaining = idle_limit - (time.monotonic() - last_request)
            if remaining <= 0:
                return 0
            readable, _, _ = select.select([server], [], [], min(remaining, 5.0))
            if not readable:
                continue
            connection, _ = server.accept()
            with connection:
                connection.settimeout(10.0)
                try:
                    request = json.loads(_read_line(connection))
                except (OSError, ValueError):
                    continue
                if request.get("ping"):  # a ping is no activity: `doctor` must not keep it alive
                    reply = {"pong": __version__, "pid": os.getpid(), "content": root, "grades": grades,
                             "idle_s": idle_limit}
                elif request.get("version") != __version__ or request.get("content") != root:
                    reply = {"mismatch": f"this daemon is dltutor {__version__} on {root}"}
                    _send(connection, reply)
                    return 0
                elif request.get("quit"):
                    _send(connection, {"bye": True})
                    return 0
                else:
                    connection.settimeout(None)
                    reply = _grade_one(request, shipped_catalog, grade_file, Cancelled, connection)
                    grades += 1
                    last_request = time.monotonic()
                _send(connection, reply)
    finally:
        server.close()
        try:
            if os.stat(path).st_ino == ours:  # not a newer daemon's socket
                path.unlink()
        except OSError:
            pass


def _read_line(connection: socket.socket) -> bytes:
    data = b""
    while not data.endswith(b"\n"):
        chunk = connection.recv(65536)
        if not chunk:
            break
        data += chunk
        if len(data) > MAX_LINE:
            raise ValueError("request too long")
    return data


def _send(connection: socket.socket, reply: dict) -> None:
    try:
        connection.sendall((json.dumps(reply) + "\n").encode())
    except OSError:
        pass  # the client left (ctrl+c): nothing to tell


def _client_left(connection: socket.socket) -> bool:
    """A client that hung up (ctrl+c) cancels its grade."""
    import select

    readable, _, _ = select.select([connection], [], [], 0)
    if not readable:
        return False
    try:
        return connection.recv(1, socket.MSG_PEEK) == b""
    except OSError:
        return True


def in_language(request: dict) -> str:
    """Grade in the language the request asks for (the daemon and the app's service outlive a switch)."""
    lang = request.get("lang")
    if lang in LANGUAGES:
        set_language(lang)
    return current_language()


def _grade_one(request: dict, catalog, grade_file, cancelled_type, connection) -> dict:
    try:
        lang = in_language(request)      # messages and mistake explanations in the learner's language
        exercise = catalog(lang).exercise(request["exercise"])
        result = grade_file(exercise, request["file"], seed=request.get("seed"), device=request.get("device", "auto"),
                            cancel_check=lambda: _client_left(connection))
        return {"result": result.to_json()}
    except cancelled_type:
        return {"error": "cancelled"}
    except (KeyError, ValueError, OSError) as exc:
        return {"error": str(exc.args[0] if isinstance(exc, KeyError) and exc.args else exc)}
    except Exception as exc:  # a grader bug must not take the daemon down
        import traceback

        traceback.print_exc()
        return {"error": _("internal grader error: {kind}: {error}").format(kind=type(exc).__name__, error=exc)}


if __name__ == "__main__":
    sys.exit(serve())
