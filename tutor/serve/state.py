"""The sessions of a running `dltutor serve`, published for `dltutor doctor`.

The server writes $DLTUTOR_HOME/serve/<server pid>.json whenever a session starts or ends (and
now and then, for the idle times). Doctor reads those files and measures each session's memory
live from /proc, so the figures are current, not what they were at the last write.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

from tutor import paths
from tutor.serve.processes import memory, session_processes


def folder() -> Path:
    return paths.home() / "serve"


def publish(server: dict, sessions: list[dict]) -> None:
    """Atomically replace this server's file. `server`: pid, url, max_sessions, idle_timeout_s;
    each session: id, user, pid (its app process), started, last_input (epoch seconds)."""
    target = folder()
    target.mkdir(parents=True, exist_ok=True)
    path = target / f"{server['pid']}.json"
    partial = path.with_suffix(".tmp")
    partial.write_text(json.dumps({**server, "sessions": sessions}, indent=1), encoding="utf-8")
    partial.replace(path)


def withdraw(server_pid: int) -> None:
    (folder() / f"{server_pid}.json").unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def running_servers() -> list[dict]:
    """Every running server's file, each session with its memory measured now. Files left by a
    server that died without cleaning up are removed."""
    place = folder()
    servers = []
    for path in sorted(place.glob("*.json")) if place.is_dir() else ():
        try:
            server = json.loads(path.read_text(encoding="utf-8"))
            pid = int(server["pid"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if not _alive(pid):
            path.unlink(missing_ok=True)
            continue
        now = time.time()
        for session in server.get("sessions", []):
            session["memory"] = memory(session_processes(session["id"], [session["pid"]])).as_dict()
            session["idle_s"] = round(now - session.get("last_input", now))
        servers.append(server)
    return servers
