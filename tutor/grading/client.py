"""A client for the warm grading service (no torch here: the TUI imports this).

    service = GradingService()
    service.start()                       # returns at once; torch loads in the background
    result = service.grade("conv2d", path)   # blocking: call it from a worker thread
    service.cancel()                      # from another thread: the grade returns {"cancelled": True}
    service.close()                       # stops the service and everything it started

`grade` returns the `dltutor check --json` object (a dict), or {"cancelled": True}, or
{"error": message}. Every wait on the service has a deadline: a service that stops answering is
killed and started afresh, never waited on forever.
"""
from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import threading
from pathlib import Path

from tutor.i18n.catalog import _
from tutor.process_groups import kill_group

START_DEADLINE_S = 300.0   # importing torch cold on a slow, busy machine
REPLY_DEADLINE_S = 600.0   # a grade: the exercise's time limit is learner time, far below this


class ServiceTimeout(Exception):
    pass


class GradingService:
    def __init__(self, env: dict | None = None) -> None:
        self.process: subprocess.Popen | None = None
        self.env = env
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self._next_id = 0
        self._busy = False
        self._cancel_pending = False

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def ready(self) -> bool:
        """True once the service has imported torch and can grade at once."""
        return self.running and self._ready.is_set()

    def start(self) -> None:
        if self.running:
            return
        self._ready.clear()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tutor.grading.service"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            text=True, bufsize=1, start_new_session=True, env=self.env,
        )

    def _readline(self, seconds: float) -> str:
        """One protocol line, or ServiceTimeout. The service writes one line per request and then waits,
        so nothing is ever left in the reader's buffer when select() is asked."""
        assert self.process is not None and self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], seconds)
        if not ready:
            raise ServiceTimeout
        return self.process.stdout.readline()

    def _wait_ready(self) -> None:
        if self._ready.is_set():
            return
        line = self._readline(START_DEADLINE_S)
        if not line:
            raise RuntimeError(_("the grading service did not start (run 'dltutor doctor' to check torch)"))
        self._ready.set()

    def grade(self, exercise_id: str, path: Path | str, seed: int | None = None, device: str = "auto") -> dict:
        with self._lock:
            for attempt in range(2):
                if not self.running:
                    self.start()
                try:
                    self._busy = True
                    self._cancel_pending = False
                    self._wait_ready()
                    if self._cancel_pending:  # cancelled while the service was still starting
                        return {"cancelled": True}
                    self._next_id += 1
                    from tutor.i18n.lang import current_language

                    request = {"id": self._next_id, "exercise": exercise_id, "file": str(path), "seed": seed,
                               "lang": current_language(),
                               "device": device}
                    assert self.process is not None and self.process.stdin is not None
                    self.process.stdin.write(json.dumps(request) + "\n")
                    self.process.stdin.flush()
                    line = self._readline(REPLY_DEADLINE_S)
                    if not line:
                        raise BrokenPipeError
                    reply = json.loads(line)
                    if "result" in reply:
                        return reply["result"]
                    return {k: v for k, v in reply.items() if k != "id"}
                except ServiceTimeout:
                    self._kill()
                    return {"error": _("the grading service stopped answering and was restarted; try again")}
                except (BrokenPipeError, OSError, RuntimeError, json.JSONDecodeError):
                    self._kill()
                    if attempt:
                        return {"error": _("the grading service stopped unexpectedly; try again")}
                finally:
                    self._busy = False
        return {"error": _("the grading service is unavailable")}

    def cancel(self) -> None:
        if not self._ready.is_set():
            # Too early for a signal (the service may not have its handler yet): cancel on arrival.
            self._cancel_pending = True
            return
        if self.process is not None and self.running and self._busy:
            try:
                os.kill(self.process.pid, signal.SIGUSR1)
            except ProcessLookupError:
                pass

    def _kill(self) -> None:
        if self.process is None:
            return
        kill_group(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=3)
        except subprocess.TimeoutExpired:
            kill_group(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=3)
        self.process = None
        self._ready.clear()

    def close(self) -> None:
        if self.process is not None and self.process.stdin is not None:
            try:
                self.process.stdin.close()
            except OSError:
                pass
            self._kill()
