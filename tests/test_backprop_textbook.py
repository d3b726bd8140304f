"""Lesson 13's exercises accept the code a first-time learner writes: one Python loop per index,
scalar multiply-adds, .item() everywhere, Karpathy's recursive micrograd — inside the time limit.
The worked examples in the starters' docstrings are checked against PyTorch here too."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F

from tutor.content import load_catalog

ROOT = Path(__file__).resolve().parent
FILES = ROOT / "learner_files" / "backprop"
CATALOG = load_catalog()

TEXTBOOK = [
    ("grad_check", "grad_check_loops.py"),
    ("conv2d_backward", "conv2d_backward_loops.py"),
    ("max_pool2d_backward", "max_pool2d_backward_loops.py"),
    ("batch_norm_backward", "batch_norm_backward_loops.py"),
    ("lstm_backward", "lstm_backward_loops.py"),
    ("micrograd", "micrograd_recursive.py"),
]


@pytest.mark.parametrize("exercise_id,filename", TEXTBOOK)
def test_textbook_loop_solution_passes_inside_the_time_limit(exercise_id, filename):
    from tutor.grading.engine import grade

    exercise = CATALOG.exercises[exercise_id]
    result = grade(exercise, FILES / filename, seed=2024, device="cpu")
    assert result.status == "pass", [t.to_json() for t in result.failed]
    assert not any(t.status == "timeout" for t in result.tests)
    print(f"{exercise_id}: {filename} graded in {result.duration_s:.1f} s (limit {exercise.timeout:g} s of learner time)")


def _load(path: Path):
    spec = importlib.util.spec_from_file_location(f"textbook_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_recursive_micrograd_handles_the_deep_chain_outside_the_sandbox_too():
    """The harness raises the recursion limit for the 2,403-node chain; without it, the textbook
    recursive topological sort would fail — which is why the harness does it."""
    import sys

    harness = _load(CATALOG.exercises["micrograd"].folder / "harness.py")
    checks = _load(CATALOG.exercises["micrograd"].folder / "checks.py")
    learner = _load(FILES / "micrograd_recursive.py")
    spec = checks.deep_chain(800, 0.9, 0.1, 0.5)
    limit = sys.getrecursionlimit()
    try:
        sys.setrecursionlimit(1000)
        _, data, grads = harness.backward(learner, spec)
    finally:
        sys.setrecursionlimit(limit)
    _, want_data, want_grads = harness.backward(checks.ORACLE, spec)
    assert data == pytest.approx(want_data, rel=1e-9, abs=1e-12)
    assert grads == pytest.approx(want_grads, rel=1e-7, abs=1e-10)


# -- the worked examples in the starters -----------------------------------------------------
def _grads(out, inputs, grad_out):
    return torch.autograd.grad(out, inputs, grad_out)


def test_conv2d_backward_starter_example():
    x = torch.arange(1.0, 10.0).view(1, 1, 3, 3).requires_grad_(True)
    w = torch.tensor([[[[1.0, 2.0], [3.0, 4.0]]]], requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    dx, dw, db = _grads(F.conv2d(x, w, b), (x, w, b), torch.ones(1, 1, 2, 2))
    assert dw.flatten().tolist() == [12, 16, 24, 28]
    assert dx.flatten().tolist() == [1, 3, 2, 4, 10, 6, 3, 7, 4]
    assert db.tolist() == [4]
    assert "dw = [[12, 16], [24, 28]]" in CATALOG.exercises["conv2d_backward"].starter.read_text()


def test_max_pool2d_backward_starter_example():
    x = torch.tensor([[1.0, 2, 5, 6], [3, 4, 7, 8], [9, 1, 2, 0], [3, 2, 1, 4]]).view(1, 1, 4, 4).requires_grad_(True)
    (dx,) = _grads(F.max_pool2d(x, 2), (x,), torch.tensor([[10.0, 20], [30, 40]]).view(1, 1, 2, 2))
    assert dx.view(4, 4).tolist() == [[0, 0, 0, 0], [0, 10, 0, 20], [30, 0, 0, 0], [0, 0, 0, 40]]


def test_max_pool2d_ties_go_to_the_first_maximum_on_cpu():
    """The contract's tie rule, as PyTorch implements it on the CPU."""
    x = torch.zeros(1, 1, 2, 2, requires_grad=True)
    (dx,) = _grads(F.max_pool2d(x, 2), (x,), torch.ones(1, 1, 1, 1))
    assert dx.flatten().tolist() == [1, 0, 0, 0]
    x = torch.tensor([[0.0, 1.0], [1.0, 0.0]]).view(1, 1, 2, 2).requires_grad_(True)
    (dx,) = _grads(F.max_pool2d(x, 2), (x,), torch.ones(1, 1, 1, 1))
    assert dx.flatten().tolist() == [0, 1, 0, 0]


def test_batch_norm_backward_starter_example():
    x = torch.tensor([[1.0], [3.0]], dtype=torch.float64, requires_grad=True)
    gamma = torch.tensor([2.0], dtype=torch.float64, requires_grad=True)
    beta = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    out = F.batch_norm(x, None, None, gamma, beta, training=True, eps=1e-5)
    dx, dgamma, dbeta = _grads(out, (x, gamma, beta), torch.tensor([[1.0], [0.0]], dtype=torch.float64))
    assert dbeta.item() == 1.0
    assert dgamma.item() == pytest.approx(-1.0, abs=1e-5)
    assert dx.abs().max().item() < 1e-4


def test_lstm_backward_starter_example():
    cell = torch.nn.LSTMCell(1, 1)
    with torch.no_grad():
        for p in cell.parameters():
            p.zero_()
    x, h = torch.zeros(1, 1, requires_grad=True), torch.zeros(1, 1, requires_grad=True)
    c = torch.ones(1, 1, requires_grad=True)
    h_next, c_next = cell(x, (h, c))
    assert c_next.item() == pytest.approx(0.5)
    assert h_next.item() == pytest.approx(0.5 * torch.tanh(torch.tensor(0.5)).item())
    dc, db_ih, db_hh = _grads((h_next, c_next), (c, cell.bias_ih, cell.bias_hh), (torch.zeros(1, 1), torch.ones(1, 1)))
    assert dc.item() == pytest.approx(0.5)
    assert db_ih.tolist() == pytest.approx([0, 0.25, 0.5, 0]) and db_hh.tolist() == pytest.approx([0, 0.25, 0.5, 0])


def test_grad_check_and_micrograd_starter_examples():
    a, b = torch.tensor([1.0, 2.0], dtype=torch.float64), torch.tensor([1.1, 2.0], dtype=torch.float64)
    assert ((a - b).abs() / (a.abs() + b.abs()).clamp_min(1e-8)).max().item() == pytest.approx(0.047619, abs=1e-6)
    v = torch.tensor(3.0, dtype=torch.float64, requires_grad=True)
    out = v * v + v
    out.backward()
    assert (out.item(), v.grad.item()) == (12.0, 7.0)
    solution = _load(CATALOG.exercises["micrograd"].solution)
    a = solution.Value(3.0)
    b = a * a + a
    b.backward()
    assert (b.data, a.grad) == (12.0, 7.0)


# -- every named mistake is recognised whatever the seed ---------------------------------------
LESSON_13 = ("grad_check", "conv2d_backward", "max_pool2d_backward", "batch_norm_backward", "lstm_backward", "micrograd")
VARIANTS = [(e, m) for e in LESSON_13 for m in sorted(CATALOG.exercises[e].mistakes)]


@pytest.mark.parametrize("exercise_id,mistake_id", VARIANTS)
def test_each_mistake_is_named_under_several_seeds(exercise_id, mistake_id):
    """test_exercises.py checks one seed; the cases (and hypothesis' draws) change with the seed."""
    from tutor.grading.engine import grade

    exercise = CATALOG.exercises[exercise_id]
    for seed in (1, 2, 3):
        result = grade(exercise, exercise.mistakes[mistake_id].path, seed=seed, device="cpu")
        found = {t.mistake for t in result.tests if t.mistake}
        assert result.status == "fail" and found == {mistake_id}, (seed, found, [t.to_json() for t in result.failed])
