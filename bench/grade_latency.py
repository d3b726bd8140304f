"""Cold vs warm grading latency for a correct, vectorised conv2d.

cold: a fresh `dltutor check conv2d --file … --json` process each time (imports torch, starts a
      fork-server, grades, exits) — what a learner pays at the command line.
warm: the grading service the TUI keeps running (torch imported, fork-server ready) — what a
      learner pays for ctrl+r in the app.

Usage: python bench/grade_latency.py [--runs 10] [--exercise conv2d] [--device auto|cpu|cuda] [--warm-only]
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
    parser.add_argument("--device", default="auto", choices=("auto", "cpu", "cuda"))
    parser.add_argument("--warm-only", action="store_true", help="skip the cold runs (quick, on a busy machine)")
    args = parser.parse_args()

    from tutor.content import shipped_catalog
    from tutor.grading.client import GradingService

    exercise = shipped_catalog().exercise(args.exercise)
    env = dict(os.environ, DLTUTOR_HOME=tempfile.mkdtemp(prefix="dltutor-bench-"))
    command = [sys.executable, "-m", "tutor", "check", exercise.id, "--file", str(exercise.solution), "--json",
               "--seed", "1", "--device", args.device]

    service = GradingService(env=env)
    service.start()
    assert service.grade(exercise.id, exercise.solution, seed=1, device=args.device)["status"] == "pass"  # warm-up
    cold, warm = [], []
    for _ in range(args.runs):  # interleaved, so machine load affects both alike
        if not args.warm_only:
            started = time.perf_counter()
            done = subprocess.run(command, env=env, capture_output=True, text=True)
            cold.append(time.perf_counter() - started)
            assert done.returncode == 0, done.stdout + done.stderr
        started = time.perf_counter()
        result = service.grade(exercise.id, exercise.solution, seed=1, device=args.device)
        warm.append(time.perf_counter() - started)
        assert result["status"] == "pass", result
    service.close()

    warm_median = statistics.median(warm)
    print(f"exercise: {exercise.id} (model solution), device: {args.device}, runs: {args.runs}, "
          f"cpus: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}")
    if cold:
        print(f"cold  `dltutor check` median {statistics.median(cold):.3f} s   (min {min(cold):.3f}, max {max(cold):.3f})")
    print(f"warm  grading service median {warm_median:.3f} s   (min {min(warm):.3f}, max {max(warm):.3f})")
    if cold:
        print(f"ratio cold/warm: {statistics.median(cold) / warm_median:.1f}x   (targets: warm <= 0.2 s, ratio >= 10x)")


if __name__ == "__main__":
    main()
