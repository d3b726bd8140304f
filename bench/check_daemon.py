"""`dltutor check` from a shell: the first call (starts the grading daemon) against the next ones.

Each call is a fresh `python -m tutor check conv2d --file <model solution> --json` process, as a
learner running it from their editor's terminal. A fresh $DLTUTOR_HOME, so the first call really
starts the daemon; `--no-daemon` runs are interleaved for comparison.

Usage: python bench/check_daemon.py [--calls 4]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=4)
    args = parser.parse_args()
    solution = ROOT / "exercises" / "conv2d" / "solution.py"
    env = dict(os.environ, DLTUTOR_HOME=tempfile.mkdtemp(prefix="dltutor-bench-"), DLTUTOR_DAEMON_IDLE="120")
    env.pop("DLTUTOR_NO_DAEMON", None)
    command = [sys.executable, "-m", "tutor", "check", "conv2d", "--file", str(solution), "--json", "--seed", "1"]

    def timed(extra: list[str]) -> float:
        started = time.perf_counter()
        done = subprocess.run(command + extra, env=env, capture_output=True, text=True, cwd=ROOT)
        assert done.returncode == 0, done.stdout + done.stderr
        return time.perf_counter() - started

    daemon_calls, in_process = [], []
    for _ in range(args.calls):
        daemon_calls.append(timed([]))
        in_process.append(timed(["--no-daemon"]))
    subprocess.run([sys.executable, "-c", "from tutor.grading import daemon; daemon.stop()"], env=env, cwd=ROOT)
    first, later = daemon_calls[0], daemon_calls[1:]
    print(f"cpus: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}")
    print("through the daemon: " + ", ".join(f"{t:.2f} s" for t in daemon_calls))
    print("--no-daemon:        " + ", ".join(f"{t:.2f} s" for t in in_process))
    if later:
        print(f"later calls / first call: {statistics.median(later) / first:.1%} (target <= 15%)")
        print(f"later calls / --no-daemon: {statistics.median(later) / statistics.median(in_process):.1%}")


if __name__ == "__main__":
    main()
