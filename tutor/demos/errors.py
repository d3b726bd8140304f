"""Expected demo failures (bad option, no CUDA, missing data): str(exc) is the learner's message."""
from __future__ import annotations


class DemoError(Exception):
    """A demo cannot run as asked; the message says why and what to do instead."""
