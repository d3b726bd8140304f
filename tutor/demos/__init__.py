"""Mini-training demos. Each engine tutor/demos/<name>.py has `run(config) -> Iterator[dict]`
yielding events (tutor.demos.events); tutor.demos.runner runs one in a subprocess that
streams them as JSON lines, and tutor.demos.process.DemoProcess is the client the CLI and the
TUI use. This package's __init__ and config/events/pictures/process import nothing heavy.

Every demo takes its CPU thread count from one policy, tutor.demos.threads (the CPUs this
process may use, less the other processes running now, capped by what the model can use; the
choice and its reason are a line in the demo's log); the runner prints a status line every
silent second until the first metric (tutor.demos.runner.Heartbeat).
"""
from tutor.demos.config import DEMOS

__all__ = ["DEMOS"]
