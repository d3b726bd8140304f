"""The warm grading service: torch imported once, a fork-server ready, grades on request.

Protocol (JSON lines): the client writes {"id": n, "exercise": id, "file": path, "seed": int|null,
"device": "auto"|"cpu"|"cuda"} on stdin; the service answers {"id": n, "result": {...check JSON...}},
{"id": n, "cancelled": true} or {"id": n, "error": message} on its protocol stream. SIGUSR1 cancels
the grade in progress. Run as `python -m tutor.grading.service`.
"""
from __future__ import annotations

import json
import os
import signal
import sys

from tutor.i18n.catalog import _


def main() -> int:
    # Keep the protocol stream clean: anything else printed goes to stderr.
    protocol = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr

    cancel = {"requested": False}
    signal.signal(signal.SIGUSR1, lambda *_: cancel.update(requested=True))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))

    import hypothesis  # noqa: F401  (warm: the first grade should not pay for these imports)

    from tutor.content import shipped_catalog
    from tutor.grading.engine import grade
    from tutor.grading.sandbox_client import Cancelled, warm_up

    warm_up()
    from tutor.grading.daemon import in_language

    shipped_catalog()
    protocol.write(json.dumps({"ready": True, "pid": os.getpid()}) + "\n")
    for line in sys.stdin:
        try:
            request = json.loads(line)
        except json.JSONDecodeError:
            continue
        reply: dict = {"id": request.get("id")}
        cancel["requested"] = False
        try:
            lang = in_language(request)      # messages and mistake explanations in the learner's language
            exercise = shipped_catalog(lang).exercise(request["exercise"])
            result = grade(exercise, request["file"], seed=request.get("seed"), device=request.get("device", "auto"),
                           cancel_check=lambda: cancel["requested"])
            reply["result"] = result.to_json()
        except Cancelled:
            reply["cancelled"] = True
        except (KeyError, ValueError, OSError) as exc:
            reply["error"] = str(exc.args[0] if isinstance(exc, KeyError) and exc.args else exc)
        except Exception as exc:  # a grader bug must not take the service down
            import traceback

            reply["error"] = _("internal grader error: {kind}: {error}").format(kind=type(exc).__name__, error=exc)
            traceback.print_exc()
        protocol.write(json.dumps(reply) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
