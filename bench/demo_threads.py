"""The demos' thread policy under contention and on a quiet machine, measured in one run.

    python bench/demo_threads.py [--demo gan] [--steps 300] [--rounds 3] [--no-quiet]

Contended: two CPU-bound competitor processes (busy Python loops) run throughout; the demo's
default (the policy, tutor.demos.threads) and `--threads 1` alternate, `--rounds` times each;
the ratio of the medians default / --threads 1 is printed (target ≤ 1.3).
Quiet: the competitors are stopped; the default and every fixed count from 1 to the CPUs
alternate; the ratio default / best fixed count is printed (target ≤ 1.1) — only meaningful
when the machine is otherwise idle (the load average is printed).

Time is the demo's own `wall_s` (from the start of its run, after imports), so the interpreter
and torch start-up do not blur it.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _spin() -> None:
    while True:
        pass


def run_seconds(demo: str, steps: int, threads: int | None, env: dict) -> tuple[float, str]:
    """(the demo's wall_s, its thread line) for one run."""
    argv = [sys.executable, "-m", "tutor.demos.runner", demo, "--json", "--steps", str(steps), "--no-pictures"]
    if threads is not None:
        argv += ["--threads", str(threads)]
    result = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    summary = lines[-1]
    if summary.get("type") != "summary":
        raise RuntimeError(f"{demo}: {summary}")
    thread_line = next((e["text"] for e in lines if e["type"] == "text" and "CPU thread(s)" in e["text"]), "?")
    return float(summary["wall_s"]), thread_line


def alternate(demo: str, steps: int, counts: list[int | None], rounds: int, env: dict) -> dict:
    times: dict[int | None, list[float]] = {c: [] for c in counts}
    lines: list[str] = []
    for _ in range(rounds):
        for count in counts:
            seconds, line = run_seconds(demo, steps, count, env)
            times[count].append(seconds)
            if count is None:
                lines.append(line)
    return {"median": {c: statistics.median(v) for c, v in times.items()}, "default_lines": lines}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--demo", default="gan")
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--competitors", type=int, default=2)
    parser.add_argument("--no-quiet", action="store_true", help="skip the quiet-machine comparison")
    args = parser.parse_args()
    env = dict(os.environ, DLTUTOR_HOME=tempfile.mkdtemp(prefix="dltutor-threads-"),
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    cpus = len(os.sched_getaffinity(0))
    run_seconds(args.demo, 5, 1, env)  # untimed: caches (the shapes images, .pyc files)

    print(f"{args.demo}, {args.steps} steps, {args.rounds} rounds, {cpus} CPUs, load {os.getloadavg()[0]:.1f} at start")
    competitors = [multiprocessing.Process(target=_spin, daemon=True) for _ in range(args.competitors)]
    for process in competitors:
        process.start()
    try:
        contended = alternate(args.demo, args.steps, [None, 1], args.rounds, env)
    finally:
        for process in competitors:
            process.terminate()
            process.join()
    default, one = contended["median"][None], contended["median"][1]
    print(f"with {args.competitors} CPU-bound competitors: default {default:.2f} s, --threads 1 {one:.2f} s, "
          f"ratio {default / one:.2f} (target ≤ 1.3); the default chose: {contended['default_lines'][0]}")
    if args.no_quiet:
        return
    quiet = alternate(args.demo, args.steps, [None, *range(1, cpus + 1)], args.rounds, env)
    fixed = {c: t for c, t in quiet["median"].items() if c is not None}
    best = min(fixed, key=fixed.get)
    default = quiet["median"][None]
    print(f"without competitors: default {default:.2f} s; "
          + ", ".join(f"--threads {c} {t:.2f} s" for c, t in fixed.items())
          + f"; ratio to the best fixed count ({best}) {default / fixed[best]:.2f} (target ≤ 1.1); "
          f"the default chose: {quiet['default_lines'][0]}; load {os.getloadavg()[0]:.1f} at end")


if __name__ == "__main__":
    main()
