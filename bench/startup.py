"""Time from launch to the first frame: `dltutor` vs a minimal Textual app, in the same run.

Each launch is a fresh `python -c` process on a pseudo-terminal of 100×35 (a real terminal
driver, the frame really written). The child patches `App._display` — the one place Textual
hands a finished frame to the terminal — to report the wall-clock time of the first frame
through a pipe and exit at once. The time counted runs from just before the parent spawns the
process to that frame: interpreter start, imports, compose, layout and the first write.

    dltutor:  `tutor.cli.main([])`, exactly what the `dltutor` console script runs
    minimal:  an App with Header, Markdown and Footer (the baseline the design compares to)

The two alternate (dltutor, minimal, dltutor, …) so that a change in machine load hits both.
The grading service is stubbed in the child: by contract it starts only after the first
frame, and a child that exits at its first frame would otherwise orphan it.

It also measures the warm grade latency the exercise screen sees (ctrl+r): GradingService.grade()
of exercises/conv2d/solution.py, median of 10 after one warm-up.

Usage: python bench/startup.py [--runs 7] [--grades 10] [--no-grade]
"""
from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIRST_FRAME_PROBE = textwrap.dedent("""
    import os, sys, time
    import textual.app as _textual_app

    _FD = int(os.environ["DLTUTOR_BENCH_FD"])
    _display = _textual_app.App._display

    def _first_frame(self, screen, renderable):
        _display(self, screen, renderable)
        if renderable is not None:
            os.write(_FD, repr(time.time()).encode())
            os._exit(0)

    _textual_app.App._display = _first_frame
""")

DLTUTOR = FIRST_FRAME_PROBE + textwrap.dedent("""
    from tutor.grading.client import GradingService
    GradingService.start = lambda self: None
    from tutor.cli import main
    sys.exit(main([]))
""")

MINIMAL = FIRST_FRAME_PROBE + textwrap.dedent("""
    from textual.app import App
    from textual.widgets import Footer, Header, Markdown

    class Minimal(App):
        def compose(self):
            yield Header()
            yield Markdown("# Hello\\n\\nA minimal app: a header, some Markdown and a footer.")
            yield Footer()

    Minimal().run()
""")


def first_frame_seconds(code: str, env: dict, size: tuple[int, int] = (100, 35), timeout: float = 60.0) -> float:
    """Spawn `python -c code` on a fresh pty; seconds from spawn to its first frame."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    report_r, report_w = os.pipe()
    env = dict(env, DLTUTOR_BENCH_FD=str(report_w), TERM="xterm-256color", COLUMNS=str(size[0]),
               LINES=str(size[1]))
    start = time.time()
    child = subprocess.Popen([sys.executable, "-c", code], stdin=slave, stdout=slave, stderr=slave,
                             env=env, pass_fds=(report_w,), start_new_session=True)
    os.close(slave)
    os.close(report_w)
    report = b""
    deadline = start + timeout
    try:
        # Drain the terminal while waiting, or a child writing a full pty buffer would block.
        while time.time() < deadline:
            ready, _, _ = select.select([master, report_r], [], [], 0.5)
            if master in ready:
                try:
                    os.read(master, 65536)
                except OSError:
                    pass
            if report_r in ready:
                chunk = os.read(report_r, 64)
                if not chunk:
                    break
                report += chunk
        if not report:
            raise RuntimeError(f"no first frame within {timeout:.0f} s (exit status {child.poll()})")
        return float(report) - start
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
        os.close(master)
        os.close(report_r)


def grade_latency(grades: int, env: dict) -> tuple[float, float, float]:
    """(first grade incl. service start, median warm grade, min warm grade), in seconds."""
    from tutor.content import shipped_catalog
    from tutor.grading.client import GradingService

    exercise = shipped_catalog().exercise("conv2d")
    service = GradingService(env=env)
    try:
        start = time.perf_counter()
        service.start()
        first = service.grade(exercise.id, exercise.solution, seed=1)
        cold = time.perf_counter() - start
        if first.get("status") != "pass":
            raise RuntimeError(f"the model solution did not pass: {first}")
        times = []
        for seed in range(grades):
            start = time.perf_counter()
            result = service.grade(exercise.id, exercise.solution, seed=seed + 2)
            times.append(time.perf_counter() - start)
            if result.get("status") != "pass":
                raise RuntimeError(f"the model solution did not pass: {result}")
        return cold, statistics.median(times), min(times)
    finally:
        service.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="launches of each app (at least 5)")
    parser.add_argument("--grades", type=int, default=10, help="warm grades to time")
    parser.add_argument("--no-grade", action="store_true", help="skip the grade latency")
    args = parser.parse_args()
    runs = max(5, args.runs)

    home = tempfile.mkdtemp(prefix="dltutor-bench-")
    env = dict(os.environ, DLTUTOR_HOME=home, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    # One untimed launch of each: the first run pays for cold disk caches and .pyc writing.
    first_frame_seconds(DLTUTOR, env)
    first_frame_seconds(MINIMAL, env)
    timings: dict[str, list[float]] = {"dltutor": [], "minimal": []}
    for _ in range(runs):
        timings["dltutor"].append(first_frame_seconds(DLTUTOR, env))
        timings["minimal"].append(first_frame_seconds(MINIMAL, env))

    print(f"first frame, {runs} launches each, pty 100×35, python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    for name, values in timings.items():
        print(f"  {name:8s} median {statistics.median(values) * 1000:6.0f} ms   "
              f"min {min(values) * 1000:6.0f} ms   max {max(values) * 1000:6.0f} ms")
    ratio = statistics.median(timings["dltutor"]) / statistics.median(timings["minimal"])
    print(f"  ratio dltutor/minimal (medians): {ratio:.2f}   (target ≤ 1.3)")

    if args.no_grade:
        return
    cold, median, fastest = grade_latency(args.grades, env)
    print(f"grade conv2d/solution.py through GradingService: first (service start + torch import) "
          f"{cold:.2f} s; warm median of {args.grades} {median * 1000:.0f} ms (min {fastest * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
