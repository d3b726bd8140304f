"""`python -m tutor.demos.runner NAME [options]`: run one demo, one JSON event per line on stdout.

The options are those of `dltutor demo` (tutor.demos.config). Each line is one event
(tutor.demos.events); a finished run ends with a "summary" line, a failed one with an "error"
line. Exit status: 0 finished, 1 the demo failed, 2 bad options, 143 stopped by SIGTERM
(the DataLoader workers are shut down first), 130 interrupted with Ctrl+C.

Only this process writes to the real stdout: file descriptor 1 is pointed at stderr while the
demo runs, so a stray print (torchvision's download progress, a library warning, a worker
process) cannot break the JSON stream.

Until the first metric, a viewer is never left without news for more than a second: a
heartbeat thread writes a text line ("4 s: importing PyTorch…") after each second without an
event, naming what the run is doing (importing torch, then the engine's latest text line).
"""
from __future__ import annotations

import importlib
import json
import math
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Sequence
from typing import Any, TextIO

from tutor.i18n.catalog import _

STOPPED = 143
INTERRUPTED = 130


class Stopped(BaseException):
    """Raised in the demo by SIGTERM; a BaseException so no engine's `except Exception` eats it."""


def _on_sigterm(signum, frame) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # one unwinding is enough
    raise Stopped()


def _finite(value: Any) -> Any:
    """NaN and ±inf become null: strict JSON parsers reject them."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def _claim_stdout() -> TextIO:
    """A private handle on the real stdout; fd 1 (and sys.stdout) now go to stderr."""
    sys.stdout.flush()
    out = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return out


_EMIT_LOCK = threading.Lock()  # the heartbeat thread and the demo both write lines


def emit(out: TextIO, event: dict) -> None:
    line = json.dumps(_finite(event), ensure_ascii=False, allow_nan=False) + "\n"
    with _EMIT_LOCK:
        out.write(line)
        out.flush()


class Heartbeat:
    """Until the first metric, a text line after every `interval` seconds without an event."""

    def __init__(self, out: TextIO, interval: float = 1.0) -> None:
        self.out = out
        self.interval = interval
        self.started = time.monotonic()
        self.last = self.started
        self.phase = _("importing PyTorch")
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._beat, name="demo-heartbeat", daemon=True)

    def start(self) -> Heartbeat:
        self._thread.start()
        return self

    def saw(self, event: dict) -> None:
        """Called for every event the demo emits: metrics end the heartbeat, texts name the phase."""
        self.last = time.monotonic()
        if event.get("type") == "metric":
            self._done.set()
        elif event.get("type") == "text":
            self.phase = str(event.get("text", ""))[:100].rstrip("…. ")

    def stop(self) -> None:
        self._done.set()
        if self._thread.is_alive():
            self._thread.join()

    def _beat(self) -> None:
        while not self._done.wait(max(0.05, self.last + self.interval - time.monotonic())):
            now = time.monotonic()
            if now - self.last < self.interval:
                continue
            try:
                emit(self.out, {"type": "text", "text": _("{seconds} s: {phase}…").format(
                    seconds=f"{now - self.started:.0f}", phase=self.phase)})
            except (OSError, ValueError):  # the reader went away, or the stream is closed
                return
            self.last = now


def _preflight(config) -> None:
    """Fail fast, before torch is imported (seconds), on what can be checked without it."""
    if config.demo == "cnn":
        from tutor import paths
        from tutor.data import cifar

        cifar.choose(config.pick("data", "auto"), config.data_dir or paths.data_dir(), config.download)


def main(argv: Sequence[str] | None = None) -> int:
    from tutor.demos.config import ConfigError, parse

    argv = list(sys.argv[1:] if argv is None else argv)
    out = _claim_stdout()
    try:
        config = parse(argv)
    except ConfigError as exc:
        emit(out, {"type": "error", "kind": "usage", "message": str(exc)})
        return 2
    except SystemExit as exc:  # argparse has already explained on stderr
        if exc.code in (0, None):
            return 0
        emit(out, {"type": "error", "kind": "usage", "message": "bad options (see stderr)"})
        return 2

    signal.signal(signal.SIGTERM, _on_sigterm)
    from tutor.data.errors import DataUnavailable
    from tutor.demos.errors import DemoError

    stream = None
    heartbeat = Heartbeat(out).start()
    try:
        _preflight(config)
        from tutor.demos import learner_parts

        learner_parts.CONFINE = True  # this process is the demo's own: --mine may wall it in for good
        engine = importlib.import_module(f"tutor.demos.{config.demo}")
        heartbeat.phase = _("starting the {demo} demo").format(demo=config.demo)
        stream = engine.run(config)
        for event in stream:
            heartbeat.saw(event)
            emit(out, event)
        return 0
    except Stopped:
        return STOPPED
    except KeyboardInterrupt:
        return INTERRUPTED
    except BrokenPipeError:  # nobody is reading any more: stop quietly
        return 1
    except (DemoError, DataUnavailable) as exc:
        emit(out, {"type": "error", "kind": "data" if isinstance(exc, DataUnavailable) else "usage",
                   "message": str(exc)})
        return 1
    except Exception as exc:
        traceback.print_exc()
        emit(out, {"type": "error", "kind": "crash", "message": f"{exc.__class__.__name__}: {exc}"})
        return 1
    finally:
        heartbeat.stop()
        if stream is not None:
            try:
                stream.close()  # runs the engine's cleanup (DataLoader workers) even after Stopped
            except BaseException:
                pass
        try:
            out.close()
        except BrokenPipeError:
            pass


if __name__ == "__main__":
    sys.exit(main())
