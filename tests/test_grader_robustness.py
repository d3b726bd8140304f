"""Hostile and broken learner files end with the right status, within timeout + 2 s, and the
grader keeps working afterwards."""
from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import textwrap
import time

import pytest

from tutor.content import shipped_catalog

CONV2D = shipped_catalog().exercise("conv2d")


@pytest.fixture(scope="module", autouse=True)
def warm_fork_server():
    from tutor.grading.sandbox_client import warm_up

    warm_up()
SOLUTION = CONV2D.solution.read_text()


def learner(tmp_path, body: str, name: str = "learner.py"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(body))
    return path


def grade(path, exercise=CONV2D, **kwargs):
    from tutor.grading.engine import grade as run

    return run(exercise, path, seed=7, device="cpu", **kwargs)


# The same exercise with a short time limit, so the tests that loop forever stay quick.
QUICK = dataclasses.replace(CONV2D, timeout=3.0)


def test_infinite_loop_times_out(tmp_path):
    path = learner(tmp_path, """
        def conv2d(x, weight, bias=None, stride=1, padding=0):
            while True:
                pass
    """)
    started = time.perf_counter()
    result = grade(path, QUICK)
    assert result.status == "timeout"
    assert any(t.status == "timeout" and "time limit" in t.message for t in result.tests)
    # Without the time limit this never returns; the margin is the sandbox's own start-up (a torch
    # import in the fork-server) on a busy machine, which is not the learner's time.
    assert time.perf_counter() - started < QUICK.timeout + 12


def test_huge_allocation_is_a_memory_error(tmp_path):
    path = learner(tmp_path, """
        import torch
        def conv2d(x, weight, bias=None, stride=1, padding=0):
            big = torch.ones(50 * 1024**3 // 8, dtype=torch.float64)
            return big
    """)
    result = grade(path)
    assert result.status == "error"
    assert any("memory" in t.message for t in result.tests), [t.message for t in result.tests]


def test_segfault_is_reported_as_a_crash(tmp_path):
    path = learner(tmp_path, """
        import ctypes
        def conv2d(x, weight, bias=None, stride=1, padding=0):
            ctypes.string_at(0)
    """)
    result = grade(path)
    assert result.status == "error"
    assert any("SIGSEGV" in t.message for t in result.tests)


def test_os_exit_is_reported(tmp_path):
    path = learner(tmp_path, """
        import os
        def conv2d(x, weight, bias=None, stride=1, padding=0):
            os._exit(3)
    """)
    result = grade(path)
    assert result.status == "error"
    assert any("exited with code 3" in t.message for t in result.tests)


def test_sys_exit_is_reported(tmp_path):
    path = learner(tmp_path, """
        import sys
        def conv2d(x, weight, bias=None, stride=1, padding=0):
            sys.exit(4)
    """)
    result = grade(path)
    assert result.status == "error"
    assert any("sys.exit(4)" in t.message for t in result.tests)


def test_endless_recursion(tmp_path):
    path = learner(tmp_path, """
        def conv2d(x, weight, bias=None, stride=1, padding=0):
            return conv2d(x, weight, bias, stride, padding)
    """)
    result = grade(path)
    assert result.status == "error"
    assert any("RecursionError" in t.message for t in result.tests)


def test_ten_megabytes_of_output_is_capped(tmp_path):
    path = learner(tmp_path, SOLUTION + textwrap.dedent("""
        for i in range(200_000):
            print("x" * 49)
    """))
    result = grade(path)
    assert result.status == "pass"
    assert result.output.count("\n") <= 200
    assert result.output_lines_dropped >= 199_000


def test_monkeypatching_the_comparison_cannot_fake_a_pass(tmp_path):
    path = learner(tmp_path, """
        import torch
        import torch.testing
        torch.testing.assert_close = lambda *a, **k: None
        torch.allclose = lambda *a, **k: True
        torch.isclose = lambda a, b, **k: torch.ones_like(a, dtype=torch.bool)
        torch.equal = lambda *a, **k: True
        import tutor.grading.compare as compare
        compare.compare = lambda *a, **k: None
        compare.same = lambda *a, **k: True
        def conv2d(x, weight, bias=None, stride=1, padding=0):
            return torch.zeros(1)
    """)
    result = grade(path)
    assert result.status == "fail"


def test_learner_started_processes_are_killed(tmp_path):
    marker = tmp_path / "alive"
    path = learner(tmp_path, f"""
        import subprocess, sys
        subprocess.Popen([sys.executable, "-c", "import time, pathlib\\nwhile True:\\n    pathlib.Path({str(marker)!r}).touch(); time.sleep(0.1)"])
        def conv2d(x, weight, bias=None, stride=1, padding=0):
            while True:
                pass
    """)
    grade(path, QUICK)
    time.sleep(0.5)
    marker.unlink(missing_ok=True)
    time.sleep(0.5)
    assert not marker.exists(), "a process the learner's code started outlived the grade"


def test_syntax_error_names_line_and_caret(tmp_path):
    path = learner(tmp_path, """
        def conv2d(x, weight, bias=None, stride=1, padding=0):
            return x +* 2
    """)
    result = grade(path)
    assert result.status == "error"
    test = result.tests[0]
    assert test.name == "file imports" and "line 3" in test.message and "^" in test.message


def test_missing_function_suggests_a_name(tmp_path):
    path = learner(tmp_path, """
        def conv_2d(x, weight, bias=None, stride=1, padding=0):
            return x
    """)
    result = grade(path)
    assert result.status == "fail"
    assert any("conv_2d" in t.message and t.stage == "present" for t in result.tests)


def test_missing_module_is_named(tmp_path):
    path = learner(tmp_path, """
        import numpyy
        def conv2d(x, weight, bias=None, stride=1, padding=0):
            return x
    """)
    result = grade(path)
    assert result.status == "error"
    assert "numpyy" in result.tests[-1].message


def test_forbidden_api_is_caught_statically_and_at_run_time(tmp_path):
    path = learner(tmp_path, """
        import torch.nn.functional as F
        def conv2d(x, weight, bias=None, stride=1, padding=0):
            return F.conv2d(x, weight, bias, stride=stride, padding=padding)
    """)
    result = grade(path)
    assert result.status == "fail"
    static = next(t for t in result.tests if t.name == "no forbidden APIs")
    assert static.status == "fail" and "line 4" in static.message and "F.conv2d" in static.message
    assert any(t.stage == "forbidden" and "off-limits" in t.message for t in result.tests if t is not static)


def test_forbidden_api_through_getattr_is_still_refused_at_run_time(tmp_path):
    path = learner(tmp_path, """
        import torch
        def conv2d(x, weight, bias=None, stride=1, padding=0):
            return getattr(torch.nn.functional, "conv" + "2d")(x, weight, bias, stride=stride, padding=padding)
    """)
    result = grade(path)
    assert result.status == "fail"
    assert any(t.stage == "forbidden" for t in result.tests)


def test_wrong_shape_gets_a_guess(tmp_path):
    path = learner(tmp_path, SOLUTION.replace("h_out = (h + 2 * padding - kh) // stride + 1",
                                              "h_out = (h + 4 * padding - kh) // stride + 1")
                   .replace("x = F.pad(x, (padding, padding, padding, padding))",
                            "x = F.pad(x, (padding, padding, 2 * padding, 2 * padding))"))
    result = grade(path)
    messages = " ".join(t.message for t in result.tests)
    assert result.status == "fail"
    assert "expected shape" in messages and "padding applied twice" in messages


def test_wrong_dtype_is_named(tmp_path):
    path = learner(tmp_path, SOLUTION.replace("    return out\n", "    return out.float()\n"))
    result = grade(path)
    assert any(t.stage == "dtype" for t in result.tests), [t.to_json() for t in result.failed]


def test_seed_reproduces_the_same_cases(tmp_path):
    path = learner(tmp_path, open(CONV2D.mistakes["flipped_kernel"].path).read())
    first, second = grade(path), grade(path)
    assert [t.counterexample for t in first.tests] == [t.counterexample for t in second.tests]


def test_cli_check_json_contract_and_exit_codes(tmp_path, warm_daemon):
    # Real CLI processes, grading in the session's warm daemon (conftest); the same contract
    # without the daemon is tests/test_grading_daemon.py::test_no_daemon_flag_and_environment_grade_in_process.
    run = lambda *args: subprocess.run([sys.executable, "-m", "tutor", *args], capture_output=True, text=True, timeout=120)
    passed = run("check", "conv2d", "--file", str(CONV2D.solution), "--json", "--seed", "3")
    assert passed.returncode == 0, passed.stderr
    data = json.loads(passed.stdout)
    assert set(data) >= {"exercise", "status", "tests", "seed", "duration_s"}
    assert data["exercise"] == "conv2d" and data["status"] == "pass" and data["seed"] == 3
    for test in data["tests"]:
        assert set(test) >= {"name", "status", "message", "mistake", "counterexample"}
    failed = run("check", "conv2d", "--file", str(CONV2D.mistakes["missing_bias"].path), "--json")
    assert failed.returncode == 1 and json.loads(failed.stdout)["status"] == "fail"
    assert run("check", "conv2e", "--json").returncode == 2
    assert run("check", "conv2d", "--file", str(tmp_path / "nope.py")).returncode == 2
    assert run("check", "conv2d").returncode == 2  # no workspace file yet: a usage error with a pointer


def test_warm_service_grades_and_survives_a_crash(tmp_path, warm_grading_service):
    # The session's warm service (conftest); that close() stops a service is proven by
    # tests/test_tui_exercise.py::test_main_flow_from_the_lesson_to_the_solution.
    crash = learner(tmp_path, """
        import os
        def conv2d(x, weight, bias=None, stride=1, padding=0):
            os._exit(1)
    """)
    service = warm_grading_service
    service.start()                   # (a no-op unless an earlier test killed it)
    pid = service.process.pid
    assert service.grade("conv2d", crash, seed=1)["status"] == "error"
    result = service.grade("conv2d", CONV2D.solution, seed=1)
    assert result["status"] == "pass"
    assert service.process.pid == pid, "the crash took the service down: it was restarted"
    assert service.grade("nope", CONV2D.solution).get("error")


def test_warm_service_cancel(tmp_path, warm_grading_service):
    import threading

    loop = learner(tmp_path, """
        def conv2d(x, weight, bias=None, stride=1, padding=0):
            while True:
                pass
    """)
    service = warm_grading_service   # the session's (conftest)
    service.grade("conv2d", CONV2D.solution, seed=1)  # warm
    timer = threading.Timer(1.0, service.cancel)
    timer.start()
    started = time.perf_counter()
    reply = service.grade("conv2d", loop, seed=1)
    assert reply.get("cancelled") is True
    assert time.perf_counter() - started < 8   # well before conv2d's 10 s limit would have ended it
    assert service.grade("conv2d", CONV2D.solution, seed=1)["status"] == "pass"


@pytest.mark.skipif(__import__("torch").cuda.is_available(), reason="this machine has CUDA")
def test_cli_device_cuda_unavailable_is_a_usage_error(warm_daemon, capsys):
    # The real CLI, whose daemon (the session's warm one, conftest) refuses the device...
    done = subprocess.run([sys.executable, "-m", "tutor", "check", "conv2d", "--file", str(CONV2D.solution),
                           "--device", "cuda"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "no CUDA device is available" in done.stderr
    # ...and the same command grading in this process (--no-daemon), where the grader refuses it.
    from tutor.cli import main

    assert main(["check", "conv2d", "--file", str(CONV2D.solution), "--device", "cuda", "--no-daemon"]) == 2
    assert "no CUDA device is available" in capsys.readouterr().err
