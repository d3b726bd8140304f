"""The fork-server that sandboxed children are forked from (no torch import here).

It preloads tutor.grading.sandbox (and so torch) once, warmed, and never runs parallel work, so forking
from it is safe and cheap. `start_early()` launches it before the caller imports torch, so the
two imports overlap on a multi-core machine.
"""
from __future__ import annotations

import multiprocessing
import sys
import types
from contextlib import contextmanager

_context = None


def context():
    """The fork-server context, configured once per grading process."""
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(["tutor.grading.sandbox_preload"])
    return _context


@contextmanager
def main_module_hidden():
    """Keep multiprocessing from re-running the caller's __main__ in the fork-server and children.

    It would import whatever script started us (the `dltutor` entry point, a test runner, a
    benchmark) in every child: slow, and wrong for scripts without a __main__ guard.
    """
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main


def start_early() -> None:
    """Launch the fork-server now without waiting for it to finish preloading."""
    from multiprocessing import forkserver

    context()
    with main_module_hidden():
        forkserver.ensure_running()


def warm_up() -> None:
    """Start the fork-server and wait until it has preloaded torch (one throwaway child)."""
    from tutor.grading import sandbox_probe

    ctx = context()
    start_early()
    with main_module_hidden():
        probe = ctx.Process(target=sandbox_probe.noop, daemon=True)
        probe.start()
    probe.join()


class HandedFd:
    """A descriptor handed to a fork-server child (pickled into its arguments; the child calls detach())."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def __reduce__(self):
        from multiprocessing import reduction

        return (_received_fd, (reduction.DupFd(self.fd),))


class _ReceivedFd:
    def __init__(self, dup) -> None:
        self.dup = dup

    def detach(self) -> int:
        return self.dup.detach()


def _received_fd(dup) -> _ReceivedFd:
    return _ReceivedFd(dup)
