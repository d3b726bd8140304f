"""The sandbox's run-time guards (tutor.grading.guards), tested directly.

Audit hooks cannot be removed once added, so every test that installs guards runs in a fresh
interpreter."""
from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import Ahead

from tutor.content.catalog import shipped_catalog


@pytest.fixture(scope="module", autouse=True)
def scripts(tmp_path_factory):
    """The module's guard scripts (below), each in a fresh interpreter and a folder of its own, all started
    before the module's first test (conftest's Ahead)."""
    started = {}
    for name, write in SCRIPTS.items():
        folder = tmp_path_factory.mktemp(name)
        started[name] = Ahead([sys.executable, "-c", textwrap.dedent(write(folder))], cwd=folder,
                              env={**os.environ, "DLTUTOR_HOME": str(folder / "home"), "DLTUTOR_LANG": "en"})
    yield started
    for script in started.values():
        script.close()


@pytest.mark.parametrize("exercise_id", sorted(shipped_catalog().exercises))
def test_every_forbidden_operator_pattern_names_real_operators(exercise_id):
    from tutor.grading import guards

    for pattern in shipped_catalog().exercises[exercise_id].forbidden_ops:
        if pattern != guards.AUTOGRAD:
            assert guards.expand((pattern,)), f"{exercise_id}: {pattern!r} matches no aten operator (a typo?)"


def test_expand_takes_in_place_variants_along():
    from tutor.grading import guards

    names = guards.expand(("sigmoid", "relu"))
    assert {"sigmoid", "sigmoid_", "relu", "relu_"} <= set(names)
    assert "hardsigmoid" not in names


def operator_blocks_script(folder: Path) -> str:
    return """
        import torch, torch.nn.functional as F
        from tutor.grading import guards
        from tutor.grading.forbidden import ForbiddenAPIError
        guards.install({"forbidden": ["torch.nn.functional.conv2d"], "forbidden_ops": ["convolution", "_convolution"]},
                       "/learner.py")
        x, w = torch.randn(1, 2, 5, 5), torch.randn(3, 2, 3, 3)
        paths = {
            "F.conv2d": lambda: F.conv2d(x, w),
            "aten": lambda: torch.ops.aten.convolution(x, w, None, [1, 1], [0, 0], [1, 1], False, [0, 0], 1),
            "conv3d": lambda: F.conv3d(x.unsqueeze(2), w.unsqueeze(2)),
            "module": lambda: torch.nn.Conv2d(2, 3, 3)(x),
            "eval": lambda: eval("F.conv2d(x, w)"),
        }
        for name, call in paths.items():
            try:
                call()
                print(name, "RAN")
            except ForbiddenAPIError as exc:
                print(name, "REFUSED", "aten::" in str(exc) or "off-limits" in str(exc))
        print("exp", float(torch.exp(torch.zeros(()))))
    """


def test_operator_blocks_catch_every_path_and_nothing_else(scripts):
    result = scripts["operator_blocks"].result(timeout=120)
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    for name in ("F.conv2d", "aten", "conv3d", "module", "eval"):
        assert lines[name] == "REFUSED True", result.stdout
    assert lines["exp"] == "1.0"


def autograd_block_script(folder: Path) -> str:
    return """
        import torch, torch._dynamo, torch.func  # as the fork-server preloads them
        from tutor.grading import guards
        from tutor.grading.forbidden import ForbiddenAPIError
        guards.install({"forbidden_ops": ["autograd"]}, "/learner.py")
        x = torch.randn(3, requires_grad=True)
        paths = {
            "backward": lambda: (x * 2).sum().backward(),
            "grad": lambda: torch.autograd.grad((x * 2).sum(), x),
            "func": lambda: torch.func.grad(lambda t: (t * 2).sum())(x.detach()),
            "engine": lambda: torch._C._ImperativeEngine(),
        }
        for name, call in paths.items():
            try:
                call()
                print(name, "RAN")
            except ForbiddenAPIError:
                print(name, "REFUSED")
        print("forward", float((x * 2).sum().detach()) == float(x.sum().detach() * 2))
    """


def test_autograd_block_refuses_every_entry_point(scripts):
    result = scripts["autograd_block"].result(timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("REFUSED") == 4, result.stdout
    assert "forward True" in result.stdout


def audit_hook_script(folder: Path) -> str:
    tmp_path = folder
    hidden = tmp_path / "content"
    hidden.mkdir()
    (hidden / "solution.py").write_text("SECRET = 1\n")
    writable = tmp_path / "scratch"
    writable.mkdir()
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("readable\n")
    return f"""
        import os, subprocess, socket, gc
        from tutor.grading import guards
        from tutor.grading.forbidden import SandboxRefusal
        guards.install({{"hidden_roots": [{str(hidden)!r}], "writable_roots": [{str(writable)!r}]}}, "/learner.py")
        attempts = {{
            "read hidden": lambda: open({str(hidden / "solution.py")!r}).read(),
            "os.open hidden": lambda: os.open({str(hidden / "solution.py")!r}, os.O_RDONLY),
            "list hidden": lambda: os.listdir({str(hidden)!r}),
            "write elsewhere": lambda: open({str(tmp_path / "new.txt")!r}, "w"),
            "subprocess": lambda: subprocess.run(["true"]),
            "fork": lambda: os.fork(),
            "signal parent": lambda: os.kill(os.getppid(), 0),
            "socket": lambda: socket.create_connection(("127.0.0.1", 9)),
            "gc": lambda: gc.get_objects(),
            "ctypes": lambda: __import__("ctypes").CDLL(None),
            "sqlite": lambda: __import__("sqlite3").connect(":memory:"),
        }}
        for name, attempt in attempts.items():
            try:
                attempt()
                print(name, "|ALLOWED")
            except SandboxRefusal:
                print(name, "|REFUSED")
            except OSError as exc:
                print(name, "|OSERROR", exc)
        print("read elsewhere |", open({str(elsewhere)!r}).read().strip())
        with open({str(writable / "ok.txt")!r}, "w") as handle:
            handle.write("fine")
        print("write scratch |", open({str(writable / "ok.txt")!r}).read())
    """


def test_audit_hook_keeps_graded_code_inside(scripts):
    result = scripts["audit_hook"].result(timeout=120)
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(" |", 1) for line in result.stdout.splitlines())
    for name in ("read hidden", "os.open hidden", "list hidden", "write elsewhere", "subprocess", "fork",
                 "signal parent", "socket", "gc", "ctypes", "sqlite"):
        assert lines[name] == "REFUSED", f"{name}: {lines.get(name)}\n{result.stdout}"
    assert lines["read elsewhere"].strip() == "readable"
    assert lines["write scratch"].strip() == "fine"


SCRIPTS = {"operator_blocks": operator_blocks_script, "autograd_block": autograd_block_script,
           "audit_hook": audit_hook_script}
