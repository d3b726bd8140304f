"""Lesson 12 (training deep networks) against real PyTorch: every code block prints exactly what
the lesson shows, every formula the text states holds for PyTorch's own functions, the course
lists the lesson with its six exercises, and the app opens the lesson, an exercise and the demo."""
from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import math
import re
import subprocess
import sys
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from tutor.content import load_catalog

CATALOG = load_catalog()
LESSON = next(l for l in CATALOG.lessons if l.id == "training-deep-nets")
TEXT = LESSON.path.read_text()
EXERCISES = ["init", "adam", "dropout", "batch_norm", "layer_norm", "residual_block"]
BLOCKS = re.findall(r"```python\n(.*?)```\n\n```text\n(.*?)```", TEXT, re.S)


pytestmark = pytest.mark.usefixtures("one_torch_thread")


def exercise_module(exercise: str, name: str = "checks"):
    path = Path(CATALOG.exercises[exercise].folder) / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"lesson12_{exercise}_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- the lesson's own code and numbers ------------------------------------------------------------

def test_every_python_block_is_followed_by_the_output_it_prints():
    assert len(BLOCKS) == len(re.findall(r"```python\n", TEXT)) >= 10


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_code_block_prints_what_the_lesson_shows(index):
    code, shown = BLOCKS[index]
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, f"lesson block {index + 1}", "exec"), {"__name__": "lesson"})
    assert printed.getvalue().rstrip() == shown.rstrip()


def test_front_matter_and_sizes():
    assert LESSON.order == 12 and list(LESSON.exercises) == EXERCISES and LESSON.demo == "deep"
    assert 2500 <= len(TEXT.split()) <= 4200
    assert all(len(s.body.split()) <= 700 for s in LESSON.sections)
    assert len(CATALOG.quiz(LESSON)) >= 12
    assert sum(q.kind == "generated" for q in CATALOG.quiz(LESSON)) >= 2


# -- the formulas, checked against PyTorch ---------------------------------------------------------

@pytest.mark.parametrize("shape, nonlinearity, mode", [
    ((512, 256), "relu", "fan_in"), ((128, 64, 3, 3), "relu", "fan_in"), ((64, 32, 3, 3), "relu", "fan_out"),
    ((300, 500), "tanh", "fan_in"), ((256, 400), "linear", "fan_out"),
])
def test_kaiming_std_formula_matches_kaiming_normal_statistically(shape, nonlinearity, mode):
    """The init exercise's oracle (gain/√fan with torch's fans and gains) against the real
    initialiser's samples: ≥ 73,728 draws put the sample std within 1.5 % (over 5 sigma)."""
    oracle = exercise_module("init").ORACLE
    torch.manual_seed(0)
    w = nn.init.kaiming_normal_(torch.empty(shape, dtype=torch.float64), mode=mode, nonlinearity=nonlinearity)
    assert float(w.std()) == pytest.approx(oracle.kaiming_normal_std(shape, nonlinearity, mode), rel=0.015)
    fan_in = shape[1] * math.prod(shape[2:])
    fan_out = shape[0] * math.prod(shape[2:])
    gain = {"relu": math.sqrt(2), "tanh": 5 / 3, "linear": 1.0}[nonlinearity]
    assert oracle.kaiming_normal_std(shape, nonlinearity, mode) == pytest.approx(
        gain / math.sqrt(fan_in if mode == "fan_in" else fan_out))


@pytest.mark.parametrize("shape, gain", [((512, 256), 1.0), ((128, 64, 3, 3), 1.0), ((300, 200), 5 / 3)])
def test_xavier_bound_formula_matches_xavier_uniform_(shape, gain):
    oracle = exercise_module("init").ORACLE
    bound = oracle.xavier_uniform_bound(shape, gain)
    fan_in, fan_out = shape[1] * math.prod(shape[2:]), shape[0] * math.prod(shape[2:])
    assert bound == pytest.approx(gain * math.sqrt(6 / (fan_in + fan_out)))
    torch.manual_seed(0)
    w = nn.init.xavier_uniform_(torch.empty(shape, dtype=torch.float64), gain=gain)
    assert float(w.abs().max()) <= bound and float(w.abs().max()) > 0.999 * bound
    assert float(w.std()) == pytest.approx(bound / math.sqrt(3), rel=0.015)   # U(−a, a) has std a/√3


def test_pytorch_default_linear_init_is_uniform_one_over_sqrt_fan_in():
    torch.manual_seed(0)
    w = nn.Linear(300, 400).weight.detach().double()
    assert float(w.abs().max()) <= 1 / math.sqrt(300) and float(w.abs().max()) > 0.999 / math.sqrt(300)
    # a sixth of Kaiming's 2/fan_in
    assert float(w.var()) == pytest.approx((2 / 300) / 6, rel=0.02)


def test_relu_halves_the_second_moment():
    torch.manual_seed(0)
    y = torch.randn(2_000_000, dtype=torch.float64) * 3
    assert float(torch.relu(y).pow(2).mean()) == pytest.approx(float(y.var()) / 2, rel=0.01)


@pytest.mark.parametrize("grad, eps, betas", [(0.5, 1e-8, (0.9, 0.999)), (-1e-8, 1e-8, (0.9, 0.999)),
                                              (3e-6, 1e-6, (0.8, 0.99)), (1000.0, 1e-8, (0.5, 0.9))])
def test_adam_first_step_is_lr_g_over_abs_g_plus_eps(grad, eps, betas):
    p = nn.Parameter(torch.tensor([1.0], dtype=torch.float64))
    optimizer = torch.optim.AdamW([p], lr=0.1, betas=betas, eps=eps, weight_decay=0)
    p.grad = torch.tensor([grad], dtype=torch.float64)
    optimizer.step()
    assert 1.0 - p.item() == pytest.approx(0.1 * grad / (abs(grad) + eps), rel=1e-9)


def test_without_bias_correction_the_first_step_is_3_16_times_too_large():
    oracle_ratio = 0.1 / math.sqrt(0.001)           # (1 − β₁)·g / √((1 − β₂)·g²)
    assert oracle_ratio == pytest.approx(3.162, abs=1e-3)
    solution = exercise_module("adam", "mistakes/no_bias_correction")
    new, _ = solution.adamw_step([torch.tensor([0.0], dtype=torch.float64)], [torch.tensor([2.0], dtype=torch.float64)],
                                 [None], lr=1.0)
    assert -new[0].item() == pytest.approx(oracle_ratio, rel=1e-6)


def test_adamw_decay_is_p_times_one_minus_lr_lambda_and_adam_l2_barely_depends_on_lambda():
    def after(optimizer_class, wd, steps=100):
        p = nn.Parameter(torch.tensor([1.0], dtype=torch.float64))
        optimizer = optimizer_class([p], lr=0.01, weight_decay=wd)
        for _ in range(steps):
            p.grad = torch.zeros(1, dtype=torch.float64)
            optimizer.step()
        return p.item()

    for wd in (0.1, 0.001):
        assert after(torch.optim.AdamW, wd) == pytest.approx((1 - 0.01 * wd) ** 100, rel=1e-12)
    assert after(torch.optim.Adam, 0.1) == pytest.approx(after(torch.optim.Adam, 0.001), abs=1e-3)


def test_one_cycle_warms_up_from_max_over_25_peaks_at_30_percent_and_ends_at_max_over_25e4():
    p = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([p], lr=0.1)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, total_steps=100)
    lrs = []
    for _ in range(100):
        lrs.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        schedule.step()
    assert lrs[0] == pytest.approx(0.1 / 25) and max(lrs) == pytest.approx(0.1)
    assert lrs.index(max(lrs)) == 29 and lrs[-1] == pytest.approx(0.1 / 25 / 1e4)


def test_cosine_schedule_formula():
    p = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([p], lr=0.5)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=20, eta_min=0.01)
    for t in range(21):
        expected = 0.01 + 0.5 * (0.5 - 0.01) * (1 + math.cos(math.pi * t / 20))
        assert optimizer.param_groups[0]["lr"] == pytest.approx(expected)
        optimizer.step()
        schedule.step()


def test_inverted_dropout_keeps_the_expectation_and_is_the_identity_in_eval():
    torch.manual_seed(1)
    x = torch.ones(400_000, dtype=torch.float64)
    out = F.dropout(x, p=0.3, training=True)
    kept = out[out != 0]
    assert torch.allclose(kept, torch.full_like(kept, 1 / 0.7))
    assert float(out.mean()) == pytest.approx(1.0, abs=0.01)
    assert torch.equal(F.dropout(x, p=0.3, training=False), x)


@pytest.mark.parametrize("shape", [(8, 3), (4, 3, 5, 6)])
def test_batch_norm_normalises_with_biased_and_tracks_unbiased_variance(shape):
    torch.manual_seed(0)
    x = torch.randn(*shape, dtype=torch.float64) * 2 + 1
    dims = [0] + list(range(2, x.dim()))
    n = x.numel() // x.shape[1]
    running_mean, running_var = torch.zeros(3, dtype=torch.float64), torch.ones(3, dtype=torch.float64)
    out = F.batch_norm(x, running_mean, running_var, training=True, momentum=0.1, eps=1e-5)
    mean, biased = x.mean(dims), x.var(dims, unbiased=False)
    view = [1, 3] + [1] * (x.dim() - 2)
    torch.testing.assert_close(out, (x - mean.view(view)) / torch.sqrt(biased.view(view) + 1e-5))
    torch.testing.assert_close(running_mean, 0.1 * mean)
    torch.testing.assert_close(running_var, 0.9 + 0.1 * biased * n / (n - 1))


def test_layer_norm_uses_the_biased_variance_over_the_last_dims():
    torch.manual_seed(0)
    x = torch.randn(2, 3, 4, 5, dtype=torch.float64)
    dims = (-2, -1)
    expected = (x - x.mean(dims, keepdim=True)) / torch.sqrt(x.var(dims, unbiased=False, keepdim=True) + 1e-5)
    torch.testing.assert_close(F.layer_norm(x, (4, 5)), expected)


def test_a_residual_connection_adds_the_identity_to_the_jacobian():
    torch.manual_seed(0)
    layer = nn.Linear(6, 6).double()
    block = lambda v: v + torch.tanh(layer(v))
    x = torch.randn(6, dtype=torch.float64)
    jacobian = torch.autograd.functional.jacobian(block, x)
    inner = torch.autograd.functional.jacobian(lambda v: torch.tanh(layer(v)), x)
    torch.testing.assert_close(jacobian, torch.eye(6, dtype=torch.float64) + inner)


def test_the_basic_block_parameter_count_in_the_text():
    from torchvision.models.resnet import BasicBlock

    block = BasicBlock(64, 128, 2, nn.Sequential(nn.Conv2d(64, 128, 1, stride=2, bias=False), nn.BatchNorm2d(128)))
    by_hand = 128 * 64 * 9 + 128 * 128 * 9 + 128 * 64 + 3 * 2 * 128
    assert sum(p.numel() for p in block.parameters()) == by_hand == 230_144
    for number in ("73,728", "147,456", "8,192", "768", "230,144"):
        assert number in TEXT


def test_the_per_layer_factors_quoted_for_naive_and_unit_init():
    """'about 9 times' smaller per layer for N(0, 0.01²), '11 times' larger for N(0, 1), width 256, ReLU."""
    shrink = 1 / (0.01 * math.sqrt(256 / 2))
    grow = 1.0 * math.sqrt(256 / 2)
    assert round(shrink) == 9 and round(grow) == 11
    assert "about 9 times per" in TEXT and "11 times per layer" in TEXT


# -- the course and the app ------------------------------------------------------------------------

def test_dltutor_list_json_shows_the_lesson_with_its_six_exercises(tmp_path):
    result = subprocess.run([sys.executable, "-m", "tutor", "list", "--json"], capture_output=True, text=True,
                            timeout=120, env={"DLTUTOR_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    listing = json.loads(result.stdout)
    lesson = next(l for l in listing["lessons"] if l["id"] == "training-deep-nets")
    assert lesson["exercises"] == EXERCISES
    assert {e["id"] for e in listing["exercises"] if e["lesson"] == "training-deep-nets"} == set(EXERCISES)


@pytest.mark.asyncio
async def test_the_app_opens_the_lesson_its_links_an_exercise_and_the_demo_row(tmp_path, monkeypatch):
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path))
    from textual.widgets import Button

    from tutor.grading.client import GradingService
    from tutor.tui.app import DLTutorApp
    from tutor.tui.screens.exercise import ExerciseScreen
    from tutor.tui.screens.lesson import LessonScreen
    from tutor.tui.widgets.curriculum import CurriculumList

    monkeypatch.setattr(GradingService, "start", lambda self: None)
    app = DLTutorApp(start="training-deep-nets")
    async with app.run_test(size=(100, 35)) as pilot:
        for _ in range(200):
            if isinstance(app.screen, LessonScreen) and app.screen.is_mounted:
                break
            await pilot.pause(0.05)
        assert isinstance(app.screen, LessonScreen)
        app.open_lesson("training-deep-nets", section=len(LESSON.sections) - 1)
        await pilot.pause()
        names = {b.name for b in app.screen.query_one("#lesson-links").query(Button)}
        assert names == ({f"exercise:{e}" for e in EXERCISES} | {"demo:deep", "quiz:training-deep-nets"}
                         | {"lesson:backprop-by-hand"})  # the last section also offers the next lesson
    app = DLTutorApp(start="residual_block")
    async with app.run_test(size=(100, 35)) as pilot:
        for _ in range(200):
            if isinstance(app.screen, ExerciseScreen) and app.screen.is_mounted:
                break
            await pilot.pause(0.05)
        assert isinstance(app.screen, ExerciseScreen) and app.screen.exercise.id == "residual_block"
        await pilot.press("escape", "escape")
        for _ in range(200):
            if not isinstance(app.screen, ExerciseScreen):
                break
            await pilot.pause(0.05)
        curriculum = app.screen.query_one(CurriculumList)
        curriculum.select_row("demo", "deep")          # the course tree lists the demo
        curriculum.select_row("exercise", "batch_norm")
