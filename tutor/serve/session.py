"""The app process of one served session: `python -m tutor.serve.session`.

It is the ordinary app (textual-serve's environment selects Textual's web driver), with one
addition: it dies with the server. PR_SET_PDEATHSIG sends it SIGTERM if the server process goes
away without closing it (killed, crashed), and SIGTERM stops its grading service and demos before
it exits, so even then nothing of the session is left running.
"""
from __future__ import annotations

import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):    # not Linux: the server's own clean-up still applies
        return
    if os.getppid() != parent:           # the server died before prctl took effect
        os.kill(os.getpid(), signal.SIGTERM)


def main() -> int:
    from tutor.tui.app import DLTutorApp

    app = DLTutorApp()

    def on_term(signum, frame) -> None:
        app.stop_subprocesses()
        os._exit(0)

    signal.signal(signal.SIGTERM, on_term)
    parent = os.environ.get("DLTUTOR_SERVE_PARENT")
    if parent and parent.isdigit():
        _die_with_parent(int(parent))
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
