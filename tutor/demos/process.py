"""DemoProcess: run a demo in a subprocess and read its events — the client the CLI and TUI use.

    from tutor.demos.process import DemoProcess

    with DemoProcess("cnn", epochs=1, device="cpu") as demo:   # starts the runner
        for event in demo.events():                           # parsed dicts, as they arrive
            ...                                               # see tutor.demos.events
    # leaving the block stops it (SIGTERM, then SIGKILL for anything left)

- DemoProcess(demo, **options): options are DemoConfig field names (epochs, steps, device,
  seed, recipe, data, data_dir, gen_loss, surface, pictures=False, …). Bad options raise
  tutor.demos.config.ConfigError here, before anything starts. DemoProcess(config) takes a
  DemoConfig instead.
- start(): launches `python -m tutor.demos.runner` in its own process group (its DataLoader
  workers too), so stop() can end all of it and a terminal's Ctrl+C does not reach it.
- events(): blocks for each event; ends when the demo ends. A run that finishes yields a
  "summary" last; one that fails an "error" (the runner's, or one made here from the exit
  status and stderr if the process died). After stop() it just ends.
- stop(grace_s=3.0): safe from another thread (e.g. the TUI's UI thread while a worker thread
  reads events()), and more than once. SIGTERM lets the runner shut its DataLoader workers
  down; whatever is still alive in the group after grace_s is SIGKILLed.
- returncode, stderr (the last 64 KB), pid.

Imports nothing heavy: torch is only imported in the child.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from tutor.demos.config import DemoConfig, options_to_argv, to_argv
from tutor.i18n.catalog import _
from tutor.process_groups import kill_group

STDERR_KEEP = 64 * 1024


class DemoProcess:
    def __init__(self, demo: str | DemoConfig, *, python: str | None = None,
                 env: Mapping[str, str] | None = None, **options: Any) -> None:
        if isinstance(demo, DemoConfig):
            if options:
                raise TypeError("pass options in the DemoConfig, not as keywords")
            self.argv = to_argv(demo)
            self.demo = demo.demo
        else:
            self.argv = options_to_argv(demo, options)
            self.demo = demo
        self.python = python or sys.executable
        self.env = dict(env) if env is not None else None
        self._process: subprocess.Popen | None = None
        self._stderr: deque[str] = deque()
        self._stderr_size = 0
        self._stderr_thread: threading.Thread | None = None
        self._stopped = False
        self._reading = False
        self._lock = threading.Lock()

    # ------------------------------------------------------------ lifecycle

    def start(self) -> DemoProcess:
        if self._process is not None:
            raise RuntimeError("this demo process was already started")
        env = dict(os.environ if self.env is None else self.env)
        # The child must import the same tutor package as this process, installed or not.
        package_root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH", "")) if p)
        env.setdefault("PYTHONIOENCODING", "utf-8")
        self._process = subprocess.Popen(
            [self.python, "-m", "tutor.demos.runner", *self.argv],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=env, text=True, encoding="utf-8", errors="replace", bufsize=1,
            start_new_session=True,  # its own process group: stop() reaches the workers too
        )
        self._stderr_thread = threading.Thread(target=self._drain_stderr, name="demo-stderr", daemon=True)
        self._stderr_thread.start()
        return self

    def __enter__(self) -> DemoProcess:
        return self.start() if self._process is None else self

    def __exit__(self, *exc_info) -> None:
        self.stop()
        if self._process is not None and self._process.stdout is not None and not self._reading:
            self._process.stdout.close()

    def _drain_stderr(self) -> None:
        assert self._process is not None and self._process.stderr is not None
        for chunk in self._process.stderr:  # a full pipe would block the child
            self._stderr.append(chunk)
            self._stderr_size += len(chunk)
            while self._stderr_size > STDERR_KEEP and len(self._stderr) > 1:
                self._stderr_size -= len(self._stderr.popleft())

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    @property
    def returncode(self) -> int | None:
        return self._process.poll() if self._process else None

    @property
    def stderr(self) -> str:
        return "".join(self._stderr)

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    # ------------------------------------------------------------ events

    def events(self) -> Iterator[dict]:
        if self._process is None:
            self.start()
        assert self._process is not None and self._process.stdout is not None
        self._reading = True
        try:
            yield from self._read()
        finally:
            self._reading = False

    def _read(self) -> Iterator[dict]:
        assert self._process is not None and self._process.stdout is not None
        finished = False
        for line in self._process.stdout:
            line = line.strip()
            if not line:
                continue
            try:
                event = json.loads(line)
            except json.JSONDecodeError:
                event = {"type": "text", "text": line}  # should not happen: the runner guards stdout
            if not isinstance(event, dict):
                event = {"type": "text", "text": line}
            finished = finished or event.get("type") in ("summary", "error")
            yield event
        code = self._process.wait()
        if self._stderr_thread is not None:
            self._stderr_thread.join(timeout=1.0)
        if not finished and not self._stopped:
            tail = self.stderr.strip().splitlines()[-15:]
            yield {"type": "error", "kind": "crash",
                   "message": _("the {demo} demo stopped unexpectedly (exit status {code})").format(demo=self.demo, code=code)
                              + (":\n" + "\n".join(tail) if tail else "")}

    # ------------------------------------------------------------ stopping

    def stop(self, grace_s: float = 3.0) -> int | None:
        """End the demo and everything it started; returns its exit status."""
        process = self._process
        if process is None:
            return None
        with self._lock:
            self._stopped = True
            if process.poll() is None:
                try:
                    os.kill(process.pid, signal.SIGTERM)  # the runner unwinds and joins its workers
                except ProcessLookupError:
                    pass
                try:
                    process.wait(timeout=grace_s)
                except subprocess.TimeoutExpired:
                    pass
            # Anything left in the group (the runner if it hung, orphaned workers) is killed.
            kill_group(process.pid)
            try:
                process.wait(timeout=grace_s)
            except subprocess.TimeoutExpired:
                pass
            # stdout is left open: a reader in another thread sees EOF now that the writers are gone.
            return process.returncode


def group_members(pgid: int) -> list[int]:
    """Live (non-zombie) processes in a process group, from /proc (Linux); for tests and checks."""
    members = []
    proc = Path("/proc")
    for entry in proc.iterdir() if proc.is_dir() else ():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        state, group = fields[0], int(fields[2])
        if group == pgid and state not in ("Z", "X"):
            members.append(int(entry.name))
    return members


def wait_for_group_exit(pgid: int, timeout_s: float = 10.0) -> list[int]:
    """Poll until no live process is left in the group (or the timeout); returns the survivors."""
    deadline = time.monotonic() + timeout_s
    survivors = group_members(pgid)
    while survivors and time.monotonic() < deadline:
        time.sleep(0.05)
        survivors = group_members(pgid)
    return survivors
