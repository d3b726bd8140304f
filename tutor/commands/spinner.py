"""A spinner on stderr for the waits a learner sits through (importing torch, grading, checking the set-up)."""
from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def waiting(text: str, quiet: bool = False) -> Iterator[None]:
    """A spinner on stderr while the grader works (starting torch takes seconds), only on a
    terminal and only once the wait passes half a second."""
    if quiet or not sys.stderr.isatty():
        yield
        return
    from rich.console import Console

    console = Console(stderr=True)
    done = threading.Event()
    status = console.status(text, spinner="dots")

    def show_after_a_moment() -> None:
        if not done.wait(0.5):
            status.start()

    shower = threading.Thread(target=show_after_a_moment, daemon=True)
    shower.start()
    try:
        yield
    finally:
        done.set()
        shower.join()
        status.stop()
