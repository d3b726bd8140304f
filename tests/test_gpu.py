"""CUDA checks: run wherever a GPU is present (skipped otherwise)."""
from __future__ import annotations

import textwrap

import pytest

torch = pytest.importorskip("torch")

pytestmark = [pytest.mark.gpu,
              pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")]


def conv2d_exercise():
    from tutor.content import shipped_catalog

    return shipped_catalog().exercise("conv2d")


def test_solution_passes_on_cuda():
    from tutor.grading.engine import grade

    exercise = conv2d_exercise()
    result = grade(exercise, exercise.solution, seed=1, device="cuda")
    assert result.device == "cuda" and result.status == "pass", [t.to_json() for t in result.failed]


def test_result_on_the_wrong_device_is_named(tmp_path):
    from tutor.grading.engine import grade

    exercise = conv2d_exercise()
    path = tmp_path / "cpu_only.py"
    path.write_text(exercise.solution.read_text() + textwrap.dedent("""
        _right = conv2d
        def conv2d(*args, **kwargs):
            return _right(*args, **kwargs).cpu()
    """))
    result = grade(exercise, path, seed=1, device="cuda")
    assert result.status == "fail"
    assert any(t.stage == "device" for t in result.tests)


@pytest.mark.parametrize("exercise_id", ["softmax", "cross_entropy", "attention", "lstm_cell", "max_pool2d"])
def test_more_solutions_pass_on_cuda(exercise_id):
    from tutor.content import shipped_catalog
    from tutor.grading.engine import grade

    catalog = shipped_catalog()
    exercise = catalog.exercise(exercise_id)
    assert grade(exercise, exercise.solution, seed=1, device="cuda").status == "pass"


