"""Cold vs warm grading latency for a correct, vectorised conv2d.

cold: a fresh `dltutor check conv2d --file … --json` process each time (imports torch, starts a
      fork-server, grades, exits) — what a learner pays at the command line.
warm: the grading service the TUI keeps running (torch imported, fork-server ready) — what a
      learner pays for ctrl+r in the app.

Usage: python bench/grade_latency.py [--runs 10] [--exercise conv2d]
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
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--exercise", default="conv2d")
    args = parser.parse_args()

    from tutor.content import shipped_catalog
    from tutor.grading.client import GradingService

    exercise = shipped_catalog().exercise(args.exercise)
    env = dict(os.environ, DLTUTOR_HOME=tempfile.mkdtemp(prefix="dltutor-bench-"))
    command = [sys.executable, "-m", "tutor", "check", exercise.id, "--file", str(exercise.solution), "--json",
               "--seed", "1"]

    service = GradingService(env=env)
    service.start()
    assert service.grade(exercise.id, exercise.solution, seed=1)["status"] == "pass"  # warm-up
    cold, warm = [], []
    for _ in range(args.runs):  # interleaved, so machine load affects both alike
        started = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        cold.append(time.perf_counter() - started)
        assert done.returncode == 0, done.stdout + done.stderr
        started = time.perf_counter()
        result = service.grade(exercise.id, exercise.solution, seed=1)
        warm.append(time.perf_counter() - started)
        assert result["status"] == "pass", result
    service.close()

    cold_median, warm_median = statistics.median(cold), statistics.median(warm)
    print(f"exercise: {exercise.id} (model solution), runs: {args.runs}, cpus: {os.cpu_count()}, "
          f"load average: {os.getloadavg()[0]:.1f}")
    print(f"cold  `dltutor check` median {cold_median:.3f} s   (min {min(cold):.3f}, max {max(cold):.3f})")
    print(f"warm  grading service median {warm_median:.3f} s   (min {min(warm):.3f}, max {max(warm):.3f})")
    print(f"ratio cold/warm: {cold_median / warm_median:.1f}x   (targets: warm <= 0.2 s, ratio >= 10x)")


if __name__ == "__main__":
    main()
