"""The demos' thread policy (tutor.demos.threads): its decision function and its inputs."""
from __future__ import annotations

import pytest

from tutor.demos import threads


@pytest.mark.parametrize(("cpus", "competitors", "useful", "expected"), [
    (2, 0, 2, 2),    # a quiet 2-core laptop, a convolutional model: both cores
    (2, 0, 1, 1),    # quiet, but tiny matrices: one thread even so
    (2, 1, 2, 1),    # one other process busy: one core is free
    (2, 2, 2, 1),    # two CPU-bound competitors: never fewer than one
    (2, 9, 2, 1),    # a crowded machine
    (8, 3, 8, 5),    # the free cores
    (8, 3, 4, 4),    # but no more than the work can use
    (4, 0, 16, 4),   # and no more than the CPUs
    (1, 0, 4, 1),
])
def test_decide_uses_the_free_cpus_the_work_can_use_and_at_least_one(cpus, competitors, useful, expected):
    assert threads.decide(cpus, competitors, useful) == expected


def test_decide_never_goes_below_one_or_above_the_cpus():
    for cpus in range(1, 9):
        for competitors in range(0, 12):
            for useful in range(1, 12):
                chosen = threads.decide(cpus, competitors, useful)
                assert 1 <= chosen <= min(cpus, useful)
                assert chosen == 1 or chosen <= cpus - competitors


def _stat(tmp_path, running: int):
    path = tmp_path / "stat"
    path.write_text(f"cpu  1 2 3 4\nctxt 5\nprocs_running {running}\nprocs_blocked 0\n")
    return path


def test_competitors_are_the_running_processes_less_this_one(tmp_path):
    assert threads.running_processes(_stat(tmp_path, 3)) == 3
    assert threads.competing_processes(samples=3, interval=0, stat=_stat(tmp_path, 3)) == 2
    assert threads.competing_processes(samples=3, interval=0, stat=_stat(tmp_path, 1)) == 0


def test_competitors_are_the_median_of_the_readings(tmp_path, monkeypatch):
    readings = iter([1, 5, 3, 3, 9])
    monkeypatch.setattr(threads, "running_processes", lambda stat=None: next(readings))
    assert threads.competing_processes(samples=5, interval=0) == 2  # median 3, less this process


def test_no_proc_stat_means_a_quiet_machine(tmp_path):
    assert threads.running_processes(tmp_path / "missing") is None
    assert threads.competing_processes(samples=3, interval=0, stat=tmp_path / "missing") == 0


def test_choose_explains_its_choice(monkeypatch):
    monkeypatch.setattr(threads, "cpu_count", lambda: 2)
    monkeypatch.setattr(threads, "competing_processes", lambda: 2)
    count, line = threads.choose(None, useful=None)
    assert count == 1 and "2 other process(es) running on 2 CPU(s)" in line
    monkeypatch.setattr(threads, "competing_processes", lambda: 0)
    assert threads.choose(None, useful=None) == (2, "2 CPU thread(s): 2 CPU(s) free (--threads N to override)")
    count, line = threads.choose(None, useful=1)
    assert count == 1 and "too small" in line
    assert threads.choose(3, useful=1) == (3, "3 CPU thread(s), as asked (--threads)")


def test_apply_sets_torchs_thread_count(monkeypatch):
    torch = pytest.importorskip("torch")
    before = torch.get_num_threads()
    try:
        assert threads.apply(1)[0] == 1 and torch.get_num_threads() == 1
    finally:
        torch.set_num_threads(before)
