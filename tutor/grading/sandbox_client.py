"""The grading process's handle on one sandboxed child: start it, send calls, enforce limits.

Children are forked from a multiprocessing fork-server that preloaded torch (and nothing
parallel ran in it), so starting one is cheap and safe even after this process has done heavy
torch work of its own.
"""
from __future__ import annotations

import io
import os
import select
import signal
import struct
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import torch

from tutor.grading.forkserver import HandedFd, context, main_module_hidden, warm_up  # noqa: F401  (re-exported)
from tutor.grading.isolation import descendants, proc_status_bytes, sweep
from tutor.i18n.catalog import N_, _
from tutor.process_groups import kill_group

DEFAULT_MEMORY_BYTES = 2 * 1024**3
POLL_S = 0.02
MAX_FRAME_BYTES = 64 * 1024**2     # no reply from learner code is this big; a bigger header is refused unread
MAX_OUTPUT_BYTES = 800_000         # what is read back of the printed output (200,000 characters at most)

def blocked_kernels(forbidden_ops) -> list | None:
    """The kernels the child will refuse, worked out here once per exercise (the child only registers)."""
    if not forbidden_ops:
        return None
    from tutor.grading.guards import kernels_to_block

    return list(kernels_to_block(tuple(forbidden_ops)))


class SandboxDied(Exception):
    def __init__(self, status: str, message: str) -> None:
        super().__init__(message)
        self.status = status          # timeout | error | cancelled
        self.message = message


class Cancelled(Exception):
    pass


TIMEOUT_MESSAGE = N_("your code did not finish within the time limit — an infinite loop, "
                     "or far more work than needed (the test inputs are small)")


@dataclass
class Budget:
    """Seconds of learner time left for this run (the exercise's timeout)."""
    seconds: float

    def spend(self, seconds: float) -> None:
        self.seconds -= seconds


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


CRASH_MEANING = {
    "SIGSEGV": N_("a segmentation fault: something read or wrote memory it does not own"),
    "SIGABRT": N_("an abort, usually an assertion inside a C library"),
    "SIGKILL": N_("killed from outside, usually for using too much memory"),
    "SIGFPE": N_("an arithmetic fault in native code"),
    "SIGBUS": N_("a bus error in native code"),
}


class Sandbox:
    """One learner process behind the walls of tutor.grading.isolation.

    Every wait here has a deadline that the learner process cannot stop: frames are read from a
    non-blocking socket by select(), a frame header larger than MAX_FRAME_BYTES is refused before
    anything is allocated, and the printed output is read through a descriptor this process opened.
    """

    def __init__(self, learner_file: Path, forbidden=(), device: str = "cpu", harness_file: Path | None = None,
                 memory_bytes: int | None = DEFAULT_MEMORY_BYTES, cancel_check=None, forbidden_ops=(),
                 hidden_roots=()) -> None:
        self.learner_file = str(Path(learner_file).resolve())
        self.cancel_check = cancel_check or (lambda: False)
        self.memory_bytes = memory_bytes if device == "cpu" else None
        self.output_lines = 0
        self.isolation: list[str] = []
        # The learner process may not be able to see these files: it gets their text.
        source = Path(learner_file).read_text(encoding="utf-8", errors="replace")
        harness_source = Path(harness_file).read_text(encoding="utf-8") if harness_file else None
        self._output = tempfile.TemporaryFile(prefix="dltutor-output-")
        walls = {"hide": hidden_folders(harness_file), "memory_bytes": self.memory_bytes,
                 "must_read": [sys.prefix, os.path.dirname(torch.__file__)],
                 "disabled": os.environ.get("DLTUTOR_SANDBOX_WALLS") == "off"}
        # Graded code may write only here (its own TMPDIR; a private /tmp when the walls are up).
        self._scratch = tempfile.TemporaryDirectory(prefix="dltutor-grade-")
        scratch = os.path.join(self._scratch.name, "tmp")
        config = {"forbidden": list(forbidden), "device": device, "threads": 1, "walls": walls,
                  "learner_source": source, "harness_file": str(harness_file) if harness_file else None,
                  "harness_source": harness_source,
                  "forbidden_ops": list(forbidden_ops), "blocked_kernels": blocked_kernels(forbidden_ops),
                  "hidden_roots": [str(r) for r in hidden_roots], "private_tmp": scratch, "writable_roots": [scratch],
                  # The grader's own switch (never the learner's): test the walls without the audit hook.
                  "audit_hook": os.environ.get("DLTUTOR_SANDBOX_HOOK") != "off"}
        ctx = context()
        self.conn, child_conn = ctx.Pipe()
        from tutor.grading import sandbox

        self.process = ctx.Process(target=sandbox.contained_main,
                                   args=(child_conn, self.learner_file, config, HandedFd(self._output.fileno())),
                                   daemon=True)
        with main_module_hidden():
            self.process.start()
        child_conn.close()
        self._fd = self.conn.fileno()
        os.set_blocking(self._fd, False)
        self._inbox = bytearray()
        self._eof = False
        self.alive = True

    # -- framing (multiprocessing.Connection's, so the child keeps using send_bytes/recv_bytes) ----------
    def _frame(self) -> bytes | None:
        """A whole frame from the inbox, or None while it is incomplete. Oversized headers raise at once."""
        inbox = self._inbox
        if len(inbox) < 4:
            return None
        (size,), start = struct.unpack("!i", inbox[:4]), 4
        if size == -1:
            if len(inbox) < 12:
                return None
            (size,), start = struct.unpack("!Q", inbox[4:12]), 12
        if size < 0 or size > MAX_FRAME_BYTES:
            self.kill()
            raise SandboxDied("error", _("your code sent back a reply of {size} bytes (the limit is {limit} MiB); "
                                         "return the result itself, not more").format(
                                             size=f"{size:,}", limit=MAX_FRAME_BYTES // 1024**2))
        if len(inbox) < start + size:
            return None
        data = bytes(inbox[start:start + size])
        del inbox[:start + size]
        return data

    def _watch(self, started: float, seconds: float) -> None:
        """The checks made while waiting: cancel, time limit, memory of the whole process tree."""
        if self.cancel_check():
            self.kill()
            raise Cancelled()
        if time.perf_counter() - started > seconds:
            self.kill()
            raise SandboxDied("timeout", _(TIMEOUT_MESSAGE) + self._printing_note())
        if self.memory_bytes and self.memory_used() > self.memory_bytes:
            self.kill()
            raise SandboxDied("error", _("your code used more than {size} GiB of memory and was stopped").format(
                size=f"{self.memory_bytes / 1024**3:.0f}"))

    def _printing_note(self) -> str:
        """A sentence for a time-out whose code printed past the kept lines: printing in a loop is slow,
        and it is the cause a learner least suspects. (The count of dropped lines travels with the
        replies, so a call that never returns cannot say how many there were.)"""
        from tutor.grading.sandbox import MAX_LINES  # imported where used, as the process's entry point is

        try:
            kept = os.pread(self._output.fileno(), MAX_OUTPUT_BYTES, 0).count(b"\n")
        except (OSError, ValueError):
            return ""
        if kept < MAX_LINES:
            return ""
        return _(" It printed more than {lines} lines before it was stopped: printing is slow, so print "
                 "less, or only once.").format(lines=MAX_LINES)

    def memory_used(self) -> int:
        """The learner process's resident memory, plus the proportional share of every process it started."""
        pid = self.process.pid
        if not pid:
            return 0
        tree = descendants(pid)
        if "middle-process" in self.isolation:  # our own trusted middle process is not the learner's
            if not tree:
                return 0
            pid, tree = tree[0], tree[1:]
        return proc_status_bytes(pid, "VmRSS") + sum(_pss_bytes(child) for child in tree)

    def receive(self, budget: Budget) -> dict:
        started = time.perf_counter()
        checked = 0.0
        try:
            while (data := self._frame()) is None:
                if self._eof:
                    raise EOFError
                readable, _w, _x = select.select([self._fd], [], [], POLL_S)
                if readable:
                    try:
                        chunk = os.read(self._fd, 1 << 20)
                    except BlockingIOError:
                        chunk = None
                    if chunk == b"":
                        self._eof = True
                    elif chunk:
                        self._inbox += chunk
                now = time.perf_counter()
                if now - checked >= POLL_S:  # also while data streams in: a slow trickle is still bounded
                    checked = now
                    self._watch(started, budget.seconds)
                    if not readable and not self.process.is_alive():
                        readable, _w, _x = select.select([self._fd], [], [], 0)
                        if not readable:
                            raise EOFError
        except SandboxDied:
            budget.spend(time.perf_counter() - started)
            raise
        except (EOFError, ConnectionResetError, BrokenPipeError, OSError):
            budget.spend(time.perf_counter() - started)
            raise self._death() from None
        budget.spend(time.perf_counter() - started)
        try:
            message = torch.load(io.BytesIO(data), weights_only=True)  # untrusted bytes: plain data only
        except Exception as exc:
            self.kill()
            raise SandboxDied("error", _("the process running your code sent back something unreadable "
                                         "({error})").format(error=exc)) from None
        if not isinstance(message, dict):
            self.kill()
            raise SandboxDied("error", _("the process running your code sent back something unreadable"))
        if message.get("kind") == "started":
            self.isolation = list(message.get("isolation") or [])
        self.output_lines = message.get("output_lines", self.output_lines)
        return message

    def _send(self, payload: dict, seconds: float) -> float:
        """Write one frame before the deadline (a learner process that stops reading cannot hold us). Returns
        the seconds spent."""
        buffer = io.BytesIO()
        torch.save(payload, buffer)
        data = buffer.getvalue()
        header = struct.pack("!i", len(data)) if len(data) <= 0x7FFFFFFF else struct.pack("!iQ", -1, len(data))
        view = memoryview(header + data)
        started = time.perf_counter()
        while view:
            _r, writable, _x = select.select([], [self._fd], [], POLL_S)
            if writable:
                try:
                    view = view[os.write(self._fd, view):]
                except BlockingIOError:
                    pass
                except (BrokenPipeError, ConnectionResetError, OSError):
                    raise self._death() from None
            self._watch(started, seconds)
        return time.perf_counter() - started

    def request(self, payload: dict, budget: Budget) -> dict:
        try:
            budget.spend(self._send(payload, budget.seconds))
        except SandboxDied:
            budget.spend(budget.seconds)
            raise
        return self.receive(budget)

    def _death(self) -> SandboxDied:
        self.process.join(timeout=2)
        code = self.process.exitcode
        self.alive = False
        self._kill_tree()
        if code is None:
            return SandboxDied("error", _("the process running your code stopped answering"))
        if code < 0:
            name = _signal_name(-code)
            meaning = _(CRASH_MEANING[name]) if name in CRASH_MEANING else ""
            return SandboxDied("error", _("your code crashed the process ({signal}{meaning})").format(
                signal=name, meaning=": " + meaning if meaning else ""))
        return SandboxDied("error", _("the process running your code exited with code {code} before returning a "
                                      "result (os._exit, or a native library calling exit)").format(code=code))

    def _kill_tree(self) -> None:
        """Every process learner code started (found under the middle process, which is their subreaper), then it."""
        pid = self.process.pid
        if pid:
            sweep(pid)
            kill_group(pid)

    def kill(self) -> None:
        """SIGKILL the learner process and all it started. No waiting: the fork-server reaps them."""
        self._kill_tree()
        try:
            self.process.kill()
        except Exception:
            pass
        self.alive = False

    def close(self) -> None:
        # Its printed output is already in our file, and nothing it still does can matter: no
        # goodbye round trip, just the kill (which also ends anything it left running).
        self.kill()
        self.conn.close()
        self._scratch.cleanup()

    def output(self) -> tuple[str, int]:
        """What the learner's code printed: the first lines, and how many lines were dropped."""
        try:
            raw = os.pread(self._output.fileno(), MAX_OUTPUT_BYTES, 0)
        except (OSError, ValueError):
            raw = b""
        text = raw.decode("utf-8", errors="replace")[:200_000]
        kept = text.count("\n")
        try:
            self._output.close()
        except OSError:
            pass
        return text, max(0, self.output_lines - kept)


def hidden_folders(harness_file: Path | None) -> list[str]:
    """The folders learner code must not see: every exercise's model solution, checks and mistakes."""
    from tutor import paths

    folders = {str(paths.exercises_dir().resolve())}
    if harness_file:
        folders.add(str(Path(harness_file).resolve().parent.parent))
    return sorted(folders)


def _pss_bytes(pid: int) -> int:
    """Proportional set size: pages shared with the learner process count once across the tree."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return proc_status_bytes(pid, "VmRSS")
