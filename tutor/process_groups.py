"""Ending a process and everything it started: one process-group kill for the grader's service,
the sandbox and the demos (each starts its child as the leader of a new group)."""
from __future__ import annotations

import os
import signal


def kill_group(pgid: int, sig: int = signal.SIGKILL) -> bool:
    """Send `sig` to every process in group `pgid`. False when the group is already gone (or not ours)."""
    try:
        os.killpg(pgid, sig)
    except OSError:  # ProcessLookupError (gone), PermissionError (not ours), EINVAL
        return False
    return True
