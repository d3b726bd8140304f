"""Demo start-up: seconds from launching a demo to its first metric, over `import torch`, in one run.

    python bench/demo_startup.py [--demos cnn,gan,...] [--rounds 2] [--home DIR]

For each demo, alternately: a fresh `python -c "import torch"` (timed from spawn to exit) and a
fresh `python -m tutor.demos.runner NAME --json` with the demo's default options (timed from
spawn to its first "metric" line; the run is then stopped). Both are spawned the same way, so
interpreter start counts in both; alternating them lets a change in machine load hit both.
The ratio is first metric / torch import (target ≤ 2.5×).

$DLTUTOR_HOME is a fresh temporary folder unless --home is given, so the first round of a demo
that uses the shapes images builds the image cache (printed as "cold"); the later rounds read
it ("warm", what a learner sees from the second run on). The seconds between the runner's
status lines before the first metric are printed too (the longest silence a viewer sees).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMOS = ("cnn", "gan", "vae", "rnn", "attention", "gd", "deep", "gpt", "diffusion")


def torch_import_seconds(env: dict) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import torch"], env=env, check=True)
    return time.perf_counter() - start


def first_metric(demo: str, env: dict, extra: list[str], timeout: float = 600.0) -> tuple[float, float]:
    """(seconds from spawn to the first metric line, longest gap between lines before it)."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "tutor.demos.runner", demo, "--json", *extra],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=ROOT, text=True)
    last, gap = start, 0.0
    try:
        assert child.stdout is not None
        for line in child.stdout:
            now = time.perf_counter()
            gap, last = max(gap, now - last), now
            event = json.loads(line)
            if event.get("type") == "metric":
                return now - start, gap
            if event.get("type") in ("error", "summary") or now - start > timeout:
                raise RuntimeError(f"{demo}: no metric before {event}")
        raise RuntimeError(f"{demo}: ended without a metric (exit status {child.wait()})")
    finally:
        child.terminate()
        try:
            child.wait(10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--demos", default=",".join(DEMOS))
    parser.add_argument("--rounds", type=int, default=2, help="rounds per demo (the first is cold)")
    parser.add_argument("--home", default=None, help="DLTUTOR_HOME to use (default: a fresh temporary folder)")
    parser.add_argument("--threads", type=int, default=None, help="pass --threads N to every demo")
    args = parser.parse_args()
    home = args.home or tempfile.mkdtemp(prefix="dltutor-startup-")
    env = dict(os.environ, DLTUTOR_HOME=home, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    extra = ["--threads", str(args.threads)] if args.threads else []
    torch_import_seconds(env)  # untimed: the first import pays for cold disk caches
    print(f"demo start-up, {args.rounds} round(s), {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f} "
          f"at start, DLTUTOR_HOME={home}")
    print(f"{'demo':10s} {'round':>5s} {'torch s':>8s} {'metric s':>9s} {'ratio':>6s} {'max gap s':>9s}")
    worst = 0.0
    for demo in args.demos.split(","):
        ratios = []
        for round_ in range(args.rounds):
            torch_s = torch_import_seconds(env)
            metric_s, gap = first_metric(demo, env, extra)
            ratio = metric_s / torch_s
            ratios.append(ratio)
            label = "cold" if round_ == 0 else "warm"
            print(f"{demo:10s} {label:>5s} {torch_s:8.2f} {metric_s:9.2f} {ratio:6.2f} {gap:9.2f}", flush=True)
        warm = ratios[1:] or ratios
        worst = max(worst, statistics.median(warm))
    print(f"worst warm median ratio: {worst:.2f}   (target ≤ 2.5), load {os.getloadavg()[0]:.1f} at end")


if __name__ == "__main__":
    main()
