"""The grading process's handle on one sandboxed child: start it, send calls, enforce limits.

Children are forked from a multiprocessing fork-server that preloaded torch (and nothing
parallel ran in it), so starting one is cheap and safe even after this process has done heavy
torch work of its own.
"""
from __future__ import annotations

import io
import os
import signal
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import torch

from tutor.grading.sandbox import proc_status_bytes
from tutor.grading.forkserver import context, main_module_hidden, warm_up  # noqa: F401  (re-exported)

DEFAULT_MEMORY_BYTES = 2 * 1024**3
POLL_S = 0.02

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
    "SIGSEGV": "a segmentation fault: something read or wrote memory it does not own",
    "SIGABRT": "an abort, usually an assertion inside a C library",
    "SIGKILL": "killed from outside, usually for using too much memory",
    "SIGFPE": "an arithmetic fault in native code",
    "SIGBUS": "a bus error in native code",
}


class Sandbox:
    def __init__(self, learner_file: Path, forbidden=(), device: str = "cpu", harness_file: Path | None = None,
                 memory_bytes: int | None = DEFAULT_MEMORY_BYTES, cancel_check=None, forbidden_ops=(),
                 hidden_roots=()) -> None:
        self.learner_file = str(Path(learner_file).resolve())
        self.cancel_check = cancel_check or (lambda: False)
        self.memory_bytes = memory_bytes
        self._tmp = tempfile.TemporaryDirectory(prefix="dltutor-grade-")
        self.output_path = os.path.join(self._tmp.name, "output.txt")
        self.output_lines = 0
        config = {"forbidden": list(forbidden), "device": device, "output_path": self.output_path,
                  "memory_bytes": memory_bytes if device == "cpu" else None, "threads": 1,
                  "harness_file": str(harness_file) if harness_file else None,
                  "forbidden_ops": list(forbidden_ops), "blocked_kernels": blocked_kernels(forbidden_ops),
                  "hidden_roots": [str(r) for r in hidden_roots],
                  "private_tmp": os.path.join(self._tmp.name, "tmp"), "writable_roots": [os.path.join(self._tmp.name, "tmp")]}
        ctx = context()
        self.conn, child_conn = ctx.Pipe()
        from tutor.grading import sandbox

        self.process = ctx.Process(target=sandbox.main, args=(child_conn, self.learner_file, config), daemon=True)
        with main_module_hidden():
            self.process.start()
        child_conn.close()
        self.alive = True

    # -- talking to the child ---------------------------------------------------------------
    def receive(self, budget: Budget) -> dict:
        started = time.perf_counter()
        try:
            while not self.conn.poll(POLL_S):
                elapsed = time.perf_counter() - started
                if self.cancel_check():
                    self.kill()
                    raise Cancelled()
                if elapsed > budget.seconds:
                    self.kill()
                    budget.spend(elapsed)
                    raise SandboxDied("timeout", "your code did not finish within the time limit — an infinite loop, "
                                      "or far more work than needed (the test inputs are small)")
                if self.memory_bytes and proc_status_bytes(self.process.pid, "VmRSS") > self.memory_bytes:
                    self.kill()
                    raise SandboxDied("error", f"your code used more than {self.memory_bytes / 1024**3:.0f} GiB of memory "
                                      "and was stopped")
                if not self.process.is_alive() and not self.conn.poll(0):
                    break
            if self.conn.poll(0):
                data = self.conn.recv_bytes()
            else:
                raise EOFError
        except (EOFError, ConnectionResetError, BrokenPipeError, OSError) as exc:
            if isinstance(exc, SandboxDied):
                raise
            budget.spend(time.perf_counter() - started)
            raise self._death() from None
        budget.spend(time.perf_counter() - started)
        message = torch.load(io.BytesIO(data), weights_only=True)  # untrusted bytes: plain data only
        self.output_lines = message.get("output_lines", self.output_lines)
        return message

    def request(self, payload: dict, budget: Budget) -> dict:
        buffer = io.BytesIO()
        torch.save(payload, buffer)
        try:
            self.conn.send_bytes(buffer.getvalue())
        except (BrokenPipeError, OSError):
            raise self._death() from None
        return self.receive(budget)

    def _death(self) -> SandboxDied:
        self.process.join(timeout=2)
        code = self.process.exitcode
        self.alive = False
        self._kill_group()
        if code is None:
            return SandboxDied("error", "the process running your code stopped answering")
        if code < 0:
            name = _signal_name(-code)
            meaning = CRASH_MEANING.get(name, "")
            return SandboxDied("error", f"your code crashed the process ({name}{': ' + meaning if meaning else ''})")
        return SandboxDied("error", f"the process running your code exited with code {code} before returning a result "
                           "(os._exit, or a native library calling exit)")

    def _kill_group(self) -> None:
        pid = self.process.pid
        if pid:
            try:
                os.killpg(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError, OSError):
                pass

    def kill(self) -> None:
        self._kill_group()
        try:
            self.process.kill()
        except Exception:
            pass
        self.process.join(timeout=2)
        self.alive = False

    def close(self) -> None:
        if self.alive:
            try:
                buffer = io.BytesIO()
                torch.save({"op": "exit"}, buffer)
                self.conn.send_bytes(buffer.getvalue())
                self.process.join(timeout=0.5)
            except Exception:
                pass
        self.kill()  # also reaps anything the learner's code left running in its group
        self.conn.close()

    def output(self) -> tuple[str, int]:
        """What the learner's code printed: the first lines, and how many lines were dropped."""
        try:
            with open(self.output_path, encoding="utf-8", errors="replace") as handle:
                text = handle.read(200_000)
        except OSError:
            text = ""
        kept = text.count("\n")
        self._tmp.cleanup()
        return text, max(0, self.output_lines - kept)
