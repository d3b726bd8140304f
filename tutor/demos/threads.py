"""How many CPU threads a demo's torch uses: one policy for every demo.

More threads only help when each has a core of its own. PyTorch's CPU kernels split work over
an OpenMP team whose threads meet at a barrier after every operation; when another process
holds a core, the whole team waits for its slowest member (and spins while it waits), so a
small model on a busy laptop can run several times slower with two threads than with one.
The demos' models are small, so the policy is:

    threads = min(useful, cpus − competitors), and at least 1

- cpus: the CPUs this process may run on (its affinity mask, not the machine's total);
- competitors: the other processes runnable right now — the median of five readings, 10 ms
  apart, of the kernel's count of running processes (/proc/stat procs_running) minus this one.
  An instantaneous count, not the load average: the load average still remembers the learner's
  previous demo a minute after it ended. A CPU-bound competitor is runnable at every reading, so
  40 ms tell as much as a longer look, and every demo's start pays for the look (9 readings
  20 ms apart cost 0.16 s: 14 % of a 300-step gan run, bench/demo_threads.py);
- useful: how many threads the demo's work can use at all, given by the engine — 1 for the
  demos whose matrices are tiny (gan, gd, attention, deep, diffusion: the barrier costs more
  than the split saves even on an idle machine), all the CPUs for the convolutional and
  sequence models (cnn, vae, rnn, gpt).

`--threads N` overrides the policy. The choice and its reason are printed in the demo's log.
"""
from __future__ import annotations

import statistics
import time
from pathlib import Path

from tutor.i18n.catalog import _

PROC_STAT = Path("/proc/stat")


def decide(cpus: int, competitors: int, useful: int) -> int:
    """The thread count for a demo: as many as it can use, but no more than the free CPUs, and at least one."""
    free = cpus - max(0, competitors)
    return max(1, min(useful, cpus, free))


def running_processes(stat: Path = PROC_STAT) -> int | None:
    """The kernel's count of runnable processes (this one included), or None where unknown."""
    try:
        for line in stat.read_text().splitlines():
            if line.startswith("procs_running "):
                return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def competing_processes(samples: int = 5, interval: float = 0.01, stat: Path = PROC_STAT) -> int:
    """Other processes runnable now: the median over `samples` readings, less this process."""
    counts = []
    for i in range(samples):
        count = running_processes(stat)
        if count is None:
            return 0  # not Linux: assume a quiet machine
        counts.append(count)
        if i + 1 < samples:
            time.sleep(interval)
    return max(0, round(statistics.median(counts)) - 1)


def cpu_count() -> int:
    """CPUs this process may run on (the affinity mask, not the machine's total)."""
    import os

    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def choose(requested: int | None, useful: int | None = None) -> tuple[int, str]:
    """(threads, the reason in words) for this process now; `useful` None means all the CPUs."""
    cpus = cpu_count()
    if requested is not None:
        return requested, _("{threads} CPU thread(s), as asked (--threads)").format(threads=requested)
    competitors = competing_processes()
    useful = cpus if useful is None else useful
    threads = decide(cpus, competitors, useful)
    if threads < min(useful, cpus):
        why = _("{competitors} other process(es) running on {cpus} CPU(s): more threads would wait on each "
                "other").format(competitors=competitors, cpus=cpus)
    elif useful < cpus:
        why = _("this model's matrices are too small to split across more")
    else:
        why = _("{cpus} CPU(s) free").format(cpus=cpus)
    return threads, _("{threads} CPU thread(s): {why} (--threads N to override)").format(threads=threads, why=why)


def apply(requested: int | None, useful: int | None = None) -> tuple[int, str]:
    """choose(), then set torch's intra-op thread count to it."""
    import torch

    threads, reason = choose(requested, useful)
    torch.set_num_threads(threads)
    return threads, reason
