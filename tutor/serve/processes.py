"""A served session's processes, found, measured and killed through /proc (Linux).

Every session's app process starts with DLTUTOR_SERVE_SESSION=<session id> in its environment, and
everything it starts (the grading service, its fork-server and sandboxes, the demos) inherits it.
Descendants are added by parent pid too, so a child that clears its environment is still found;
each of those helpers runs in its own process group, so no single killpg would reach them all.
"""
from __future__ import annotations

import os
import signal
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

MARKER = "DLTUTOR_SERVE_SESSION"
_PROC = Path("/proc")


def _table() -> dict[int, tuple[int, str]]:
    """pid -> (parent pid, state letter) for every process, from one pass over /proc."""
    table: dict[int, tuple[int, str]] = {}
    if not _PROC.is_dir():
        return table
    for entry in _PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # The command name (in parentheses) may hold spaces: split after its closing one.
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        table[int(entry.name)] = (int(fields[1]), fields[0])
    return table


def _carries(pid: int, needle: bytes) -> bool:
    try:
        return needle in b"\0" + (_PROC / str(pid) / "environ").read_bytes()
    except OSError:
        return False


def session_processes(session_id: str, roots: Iterable[int] = ()) -> list[int]:
    """Live processes of a session: those marked with its id, the given roots, and all their
    descendants. Zombies are left out (they hold no memory and are reaped by their parents)."""
    table = _table()
    live = {pid for pid, (_, state) in table.items() if state not in ("Z", "X")}
    needle = f"\0{MARKER}={session_id}\0".encode()
    me = os.getpid()
    found = {pid for pid in live if pid != me and _carries(pid, needle)}
    found |= {pid for pid in roots if pid in live}
    children: dict[int, list[int]] = defaultdict(list)
    for pid, (parent, _) in table.items():
        children[parent].append(pid)
    stack = list(found)
    while stack:
        for child in children[stack.pop()]:
            if child in live and child not in found:
                found.add(child)
                stack.append(child)
    return sorted(found)


def kill_session(session_id: str, roots: Iterable[int] = (), timeout_s: float = 5.0) -> list[int]:
    """SIGKILL every process of the session until none is left (or the timeout); the survivors."""
    roots = list(roots)
    deadline = time.monotonic() + timeout_s
    while True:
        left = session_processes(session_id, roots)
        if not left or time.monotonic() > deadline:
            return left
        for pid in left:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        time.sleep(0.05)


@dataclass(frozen=True)
class Memory:
    processes: int
    rss_bytes: int      # resident memory, summed: counts shared pages (torch's libraries) once per process
    pss_bytes: int      # proportional share: shared pages split between their users, so sessions add up

    def as_dict(self) -> dict:
        return {"processes": self.processes, "rss_bytes": self.rss_bytes, "pss_bytes": self.pss_bytes}


def _rollup(pid: int) -> tuple[int, int]:
    """(Rss, Pss) of one process in bytes, from smaps_rollup; VmRSS for both when it is unreadable."""
    rss = pss = 0
    try:
        for line in (_PROC / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1]) * 1024
            elif line.startswith("Pss:"):
                pss = int(line.split()[1]) * 1024
        return rss, pss
    except (OSError, ValueError, IndexError):
        pass
    try:
        for line in (_PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1]) * 1024
                return rss, rss
    except (OSError, ValueError, IndexError):
        pass
    return 0, 0


def memory(pids: Iterable[int]) -> Memory:
    pids = list(pids)
    sizes = [_rollup(pid) for pid in pids]
    return Memory(len(pids), sum(r for r, _ in sizes), sum(p for _, p in sizes))
