"""One demo run as the TUI keeps it: the DemoProcess plus everything it has said so far.

A reader thread consumes the process's events as they arrive and folds them into this state
(metric series, latest progress, latest picture of each kind, text lines, the summary or
error), then calls whoever subscribed (`subscribe`) — on the reader's thread, so a screen
hands the news to its own loop (Textual's post_message is thread-safe) and throttles its
redraws there. So a run keeps going — and keeps its history — while the learner reads another
screen; the app holds the runs in `app.demo_runs` and stops them all on exit. Nothing here
knows about a UI.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from tutor.demos.process import DemoProcess

MAX_POINTS = 4000        # per series; beyond this every other point is dropped (the plot is narrower anyway)
MAX_TEXTS = 500


class DemoRun:
    def __init__(self, demo: str, device: str = "auto", **options: Any) -> None:
        self.demo = demo
        self.device = device
        self.process = DemoProcess(demo, device=device, **options)   # ConfigError for bad options
        self.lock = threading.Lock()
        self.version = 0
        self.state = "starting"          # starting | running | finished | failed | stopped
        self.series: dict[str, tuple[list[float], list[float]]] = {}
        self.latest: dict[str, float] = {}
        self.progress: dict | None = None
        self.pictures: dict[str, dict] = {}
        self.texts: list[str] = []
        self.texts_dropped = 0
        self.summary: dict | None = None
        self.error: dict | None = None
        self.started = time.monotonic()
        self.ended: float | None = None
        self._thread: threading.Thread | None = None
        self._listeners: list[Callable[[DemoRun], None]] = []

    # -- who is told about changes -------------------------------------------------------------
    def subscribe(self, listener: Callable[[DemoRun], None]) -> Callable[[], None]:
        """Call `listener(run)` after every change (from whichever thread made it: the reader's,
        mostly). Returns the function that unsubscribes it."""
        with self.lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self.lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def _changed(self) -> None:
        """Tell the listeners (outside the lock: a listener may take a snapshot at once)."""
        with self.lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener(self)

    # -- the process ---------------------------------------------------------------------------
    def start(self) -> DemoRun:
        self.process.start()
        self._thread = threading.Thread(target=self._read, name=f"demo-{self.demo}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop the run and everything it started (blocks up to a few seconds: call it off the UI
        thread while the app runs)."""
        with self.lock:
            if self.state in ("starting", "running"):
                self.state = "stopped"
                self.version += 1
        self._changed()
        self.process.stop()

    @property
    def pid(self) -> int | None:
        return self.process.pid

    @property
    def running(self) -> bool:
        return self.state in ("starting", "running")

    def __getattr__(self, name: str) -> Any:
        # Anything else a DemoProcess offers (returncode, stderr…): app.demo_runs holds these.
        process = self.__dict__.get("process")
        if process is None:
            raise AttributeError(name)
        return getattr(process, name)

    def _read(self) -> None:
        try:
            for event in self.process.events():
                self.add(event)
        except Exception as exc:         # a broken pipe or a bug must not leave the run "running"
            self.add({"type": "error", "kind": "crash", "message": f"{type(exc).__name__}: {exc}"})
        finally:
            with self.lock:
                if self.state in ("starting", "running"):
                    self.state = "finished" if self.summary else ("failed" if self.error else "stopped")
                self.ended = time.monotonic()
                self.version += 1
            self._changed()

    # -- folding events in ------------------------------------------------------------------------
    def add(self, event: dict) -> None:
        kind = event.get("type")
        with self.lock:
            if self.state == "starting":
                self.state = "running"
            if kind == "progress":
                self.progress = event
            elif kind == "metric":
                step = float(event.get("step", 0))
                for name, value in (event.get("values") or {}).items():
                    if value is None:
                        continue
                    xs, ys = self.series.setdefault(name, ([], []))
                    xs.append(step)
                    ys.append(float(value))
                    if len(xs) > MAX_POINTS:
                        del xs[::2], ys[::2]
                    self.latest[name] = float(value)
            elif kind == "picture":
                self.pictures[str(event.get("name", "picture"))] = event
            elif kind == "text":
                self.texts.append(str(event.get("text", "")))
                if len(self.texts) > MAX_TEXTS:
                    drop = len(self.texts) - MAX_TEXTS
                    del self.texts[:drop]
                    self.texts_dropped += drop
            elif kind == "summary":
                self.summary = event
                self.state = "finished"
            elif kind == "error":
                self.error = event
                if self.state != "stopped":
                    self.state = "failed"
            self.version += 1
        self._changed()

    def snapshot(self) -> dict:
        """A consistent copy of what the screen draws (taken under the lock)."""
        with self.lock:
            return {
                "version": self.version, "state": self.state,
                "series": {k: (list(xs), list(ys)) for k, (xs, ys) in self.series.items()},
                "latest": dict(self.latest), "progress": self.progress, "pictures": dict(self.pictures),
                "texts": list(self.texts), "texts_dropped": self.texts_dropped,
                "summary": self.summary, "error": self.error,
                "elapsed": (self.ended or time.monotonic()) - self.started,
            }
