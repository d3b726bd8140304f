"""Mini-training demos. Each engine tutor/demos/<name>.py has `run(config) -> Iterator[dict]`
yielding events (tutor.demos.events); tutor.demos.runner runs one in a subprocess that
streams them as JSON lines, and tutor.demos.process.DemoProcess is the client the CLI and the
TUI use. This package's __init__ and config/events/pictures/process import nothing heavy.
"""
from tutor.demos.config import DEMOS

__all__ = ["DEMOS"]
