"""Lesson 15 (diffusion): the house rules, every formula and printed number checked against
PyTorch, the starters' worked examples (which must separate the right answer from every named
mistake), and the lesson's generated quiz questions over many seeds."""
from __future__ import annotations

import contextlib
import importlib.util
import io
import math
import random
import re
from pathlib import Path

import pytest
import torch

from tutor.content import load_catalog
from tutor.quiz import answers
from tutor.quiz.generators import GENERATORS, generate
from tutor.quiz.model import present

CATALOG = load_catalog()
LESSON = next(l for l in CATALOG.lessons if l.id == "diffusion")
TEXT = LESSON.path.read_text()
BLOCKS = re.findall(r"```python\n(.*?)```", TEXT, re.S)
EXERCISES = Path(__file__).resolve().parents[1] / "exercises"


pytestmark = pytest.mark.usefixtures("one_torch_thread")


def run_block(index: int) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(BLOCKS[index], {})
    return out.getvalue()


def block_with(needle: str) -> int:
    return next(i for i, b in enumerate(BLOCKS) if needle in b)


def load(path: Path):
    spec = importlib.util.spec_from_file_location(f"lesson15_{path.parent.name}_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def schedule(T=1000, start=1e-4, end=0.02):
    betas = torch.linspace(start, end, T, dtype=torch.float64)
    return betas, torch.cumprod(1 - betas, dim=0)


# -- the house rules ---------------------------------------------------------------------------
def test_front_matter_and_size():
    assert LESSON.order == 15 and LESSON.demo == "diffusion"
    assert LESSON.exercises == ("ddpm_forward", "ddpm_loss", "ddpm_sample_step")
    assert all(e in CATALOG.exercises and CATALOG.exercises[e].lesson == "diffusion" for e in LESSON.exercises)
    assert len(TEXT.split()) >= 2500
    for section in LESSON.sections:
        assert len(section.body.split()) <= 700, section.title


def test_no_raw_math_and_confusions_are_boxed():
    prose = re.sub(r"`[^`\n]*`", "", re.sub(r"```.*?```", "", TEXT, flags=re.S))
    assert "$" not in prose and "\\frac" not in TEXT
    assert TEXT.count("> **Common confusion:**") >= 4


def test_quiz_has_ten_questions_with_both_generators():
    questions = CATALOG.quiz(LESSON)
    assert len(questions) >= 10
    assert {q.generator for q in questions if q.kind == "generated"} == {"ddpm_alpha_bar", "ddpm_xt_std"}


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_every_code_block_runs(index):
    torch.manual_seed(0)
    run_block(index)


# -- the numbers the text states ---------------------------------------------------------------
def test_one_step_keeps_unit_variance_and_the_end_is_noise():
    betas, a_bar = schedule()
    assert f"{a_bar[999].sqrt().item():.4f}" == "0.0064" and "factor of 0.0064" in TEXT
    assert 1 - betas[-1].item() == pytest.approx(0.98) and "keeps 98% of the variance" in TEXT
    crossing = int((a_bar > 0.5).sum())          # SNR = ᾱ/(1 − ᾱ) falls through 1 here
    assert abs(crossing - 260) <= 2 and "t ≈ 260" in TEXT


def test_the_closed_form_matches_the_step_by_step_simulation():
    output = run_block(block_with("simulated"))
    simulated = [float(v) for v in re.findall(r"simulated\s+mean (\S+)\s+std (\S+)", output)[0]]
    closed = [float(v) for v in re.findall(r"closed form mean (\S+)\s+std (\S+)", output)[0]]
    _, a_bar = schedule()
    assert closed == [round(2 * a_bar[499].sqrt().item(), 3), round((1 - a_bar[499]).sqrt().item(), 3)]
    assert closed == [0.561, 0.960] and "mean of about 0.561" in TEXT and "about 0.960" in TEXT
    # 100,000 draws: the standard errors are about 0.003 (mean) and 0.002 (std); allow four of them
    assert abs(simulated[0] - closed[0]) <= 0.012 and abs(simulated[1] - closed[1]) <= 0.008


def test_two_unrolled_steps_have_the_stated_variance():
    torch.manual_seed(1)
    a1, a2 = 0.9, 0.8
    e1, e2 = torch.randn(2, 400_000, dtype=torch.float64)
    noise = math.sqrt(a2 * (1 - a1)) * e1 + math.sqrt(1 - a2) * e2
    assert noise.var().item() == pytest.approx(1 - a1 * a2, abs=0.005)


def test_the_schedule_table():
    _, a_bar = schedule()
    rows = {int(m[0]): m[1:] for m in re.findall(r"^\| (\d+) \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \| (\S+) \|$", TEXT, re.M)}
    assert sorted(rows) == [0, 99, 249, 499, 749, 999]
    for t, (shown_a, signal, noise, snr) in rows.items():
        a = a_bar[t].item()
        assert float(shown_a) == pytest.approx(a, abs=0.00005 if t < 999 else 0.000005)
        assert signal == f"{math.sqrt(a):.4f}" and noise == f"{math.sqrt(1 - a):.4f}"
        value = float(snr.replace("10⁴", "1e4").replace("·10⁻⁵", "e-5"))
        assert value == pytest.approx(a / (1 - a), rel=0.06)
    output = run_block(block_with("for t in (0, 99, 249, 499, 749, 999)")).split("\n")
    assert output[3].split()[:2] == ["499", f"{round(a_bar[499].item(), 4)}"]


def test_the_posterior_and_its_epsilon_form():
    """μ̃ from Bayes' rule on the two Gaussians equals both forms the lesson writes, and β̃ is its variance."""
    betas, a_bar = schedule(50, 0.01, 0.3)
    torch.manual_seed(2)
    for t in (1, 7, 30, 49):
        beta, alpha, a, a_prev = betas[t], 1 - betas[t], a_bar[t], a_bar[t - 1]
        x0, eps = torch.randn(2, 5, dtype=torch.float64)
        x_t = a.sqrt() * x0 + (1 - a).sqrt() * eps
        # q(x_{t−1} | x_0) = N(√ᾱ_{t−1}·x0, 1 − ᾱ_{t−1});  q(x_t | x_{t−1}) = N(√α_t·x_{t−1}, β_t)
        precision = 1 / (1 - a_prev) + alpha / beta
        mean_bayes = (a_prev.sqrt() * x0 / (1 - a_prev) + alpha.sqrt() * x_t / beta) / precision
        mean_lesson = a_prev.sqrt() * beta / (1 - a) * x0 + alpha.sqrt() * (1 - a_prev) / (1 - a) * x_t
        mean_eps = (x_t - beta / (1 - a).sqrt() * eps) / alpha.sqrt()
        torch.testing.assert_close(mean_lesson, mean_bayes)
        torch.testing.assert_close(mean_eps, mean_bayes)
        assert (1 / precision).item() == pytest.approx(((1 - a_prev) / (1 - a) * beta).item())


def test_the_elbo_weight_and_where_it_is_largest():
    betas, a_bar = schedule()
    torch.manual_seed(3)
    x_t, eps, eps_hat = torch.randn(3, 4, dtype=torch.float64)
    for t in (1, 500, 999):
        beta, alpha, a = betas[t], 1 - betas[t], a_bar[t]
        sigma2 = beta
        def mu(e, beta=beta, a=a, alpha=alpha):
            return (x_t - beta / (1 - a).sqrt() * e) / alpha.sqrt()
        kl = ((mu(eps) - mu(eps_hat)) ** 2).sum() / (2 * sigma2)
        weight = beta ** 2 / (2 * sigma2 * alpha * (1 - a))
        assert kl.item() == pytest.approx((weight * ((eps - eps_hat) ** 2).sum()).item())
    weights = betas / (2 * (1 - betas) * (1 - a_bar))
    assert weights[0] > 40 * weights[999] and int(weights.argmax()) == 0


def test_the_sampling_example_prints_the_starters_numbers():
    output = run_block(block_with("eps_hat = 0.5 * x_t"))
    assert output.split("\n")[:2] == ["2 [1.105, -1.0502]", "0 [0.8874, -0.8874]"]
    assert "[1.105, −1.0502]" in TEXT and "[0.8874, −0.8874]" in TEXT
    starter = (EXERCISES / "ddpm_sample_step" / "starter.py").read_text()
    assert "t = 2 → [[1.1050, −1.0502]]" in starter and "t = 0 → [[0.8874, −0.8874]]" in starter


def test_linear_betas_are_linspace_and_the_posterior_variance_is_less_than_half_at_t1():
    betas, a_bar = schedule()
    assert "torch.linspace(1e-4, 0.02, 1000)" in TEXT
    assert ((1 - a_bar[0]) / (1 - a_bar[1])).item() < 0.5      # β̃_1 / β_1 (quiz explanation)


# -- the starters' worked examples -------------------------------------------------------------
def forward_example(module):
    betas = module.linear_beta_schedule(5, 0.1, 0.5)
    a_bar = module.alpha_bar(torch.tensor([0.1, 0.2, 0.3, 0.4, 0.5], dtype=torch.float64))
    x0 = torch.tensor([[1.0, -2.0], [0.5, 0.0]], dtype=torch.float64)
    noise = torch.tensor([[0.5, 0.5], [-1.0, 2.0]], dtype=torch.float64)
    true_table = torch.cumprod(1 - torch.tensor([0.1, 0.2, 0.3, 0.4, 0.5], dtype=torch.float64), 0)
    x_t = module.q_sample(x0, torch.tensor([2, 0]), noise, true_table)
    return [round(v, 4) for v in betas.tolist()], [round(v, 4) for v in a_bar.tolist()], \
        [[round(v, 4) for v in row] for row in x_t.tolist()]


def loss_example(module):
    harness = load(EXERCISES / "ddpm_loss" / "harness.py")
    table = torch.cumprod(1 - torch.linspace(0.1, 0.5, 5, dtype=torch.float64), 0)
    f = lambda v: torch.tensor(v, dtype=torch.float64)
    loss, _ = harness.loss_and_gradients(module, {"w": f(0.5)}, f([[1.0, -2.0], [0.5, 0.0]]), torch.tensor([2, 0]),
                                         f([[0.5, 0.5], [-1.0, 2.0]]), table)
    return round(float(loss), 4)


def sample_example(module):
    harness = load(EXERCISES / "ddpm_sample_step" / "harness.py")
    betas = torch.linspace(0.1, 0.5, 5, dtype=torch.float64)
    table = torch.cumprod(1 - betas, 0)
    f = lambda v: torch.tensor(v, dtype=torch.float64)
    return [[round(v, 4) for v in harness.sample_step(module, {"w": f(0.5)}, f([[1.0, -1.0]]), t, f([[0.3, -0.2]]),
                                                      betas, table)[0].tolist()] for t in (2, 0)]


EXAMPLES = {"ddpm_forward": forward_example, "ddpm_loss": loss_example, "ddpm_sample_step": sample_example}
STATED = {
    "ddpm_forward": ([0.1, 0.2, 0.3, 0.4, 0.5], [0.9, 0.72, 0.504, 0.3024, 0.1512],
                     [[1.0621, -1.0677], [0.1581, 0.6325]]),
    "ddpm_loss": 1.2673,
    "ddpm_sample_step": [[1.105, -1.0502], [0.8874, -0.8874]],
}


@pytest.mark.parametrize("exercise_id", sorted(EXAMPLES))
def test_the_starters_worked_example_is_what_the_solution_computes(exercise_id):
    solution = load(EXERCISES / exercise_id / "solution.py")
    assert EXAMPLES[exercise_id](solution) == STATED[exercise_id]


@pytest.mark.parametrize("exercise_id", sorted(EXAMPLES))
def test_the_worked_example_separates_every_named_mistake(exercise_id):
    for path in sorted((EXERCISES / exercise_id / "mistakes").glob("*.py")):
        assert EXAMPLES[exercise_id](load(path)) != STATED[exercise_id], path.name


# -- generated questions against PyTorch -------------------------------------------------------
SEEDS = range(300)


def torch_alpha_bar(spec: dict) -> float:
    _, a_bar = schedule(spec["T"], spec["start"], spec["end"])
    return a_bar[spec["t"]].item()


def test_generated_alpha_bar_matches_pytorch():
    for seed in SEEDS:
        drawn = generate("ddpm_alpha_bar", seed)
        assert drawn.answer == pytest.approx(torch_alpha_bar(drawn.spec), rel=6e-6), (seed, drawn.prompt)


def test_generated_std_matches_a_pytorch_simulation():
    generator = torch.Generator().manual_seed(0)
    for seed in range(0, 300, 5):
        drawn = generate("ddpm_xt_std", seed)
        spec = drawn.spec
        a = torch_alpha_bar(spec)
        n = 200_000
        if spec["x0"] is None:
            x0 = spec["data_std"] * torch.randn(n, generator=generator, dtype=torch.float64)
        else:
            x0 = torch.full((n,), spec["x0"], dtype=torch.float64)
        x_t = math.sqrt(a) * x0 + math.sqrt(1 - a) * torch.randn(n, generator=generator, dtype=torch.float64)
        assert x_t.std().item() == pytest.approx(drawn.answer, abs=0.01), (seed, drawn.prompt)
        exact = math.sqrt(a * spec["data_std"] ** 2 + 1 - a)
        assert drawn.answer == pytest.approx(exact, rel=6e-6)   # 6 significant digits


@pytest.mark.parametrize("name", ["ddpm_alpha_bar", "ddpm_xt_std"])
def test_generated_questions_accept_three_decimals_and_reject_near_misses(name):
    assert name in GENERATORS
    question = next(q for q in CATALOG.quiz(LESSON) if q.generator == name)
    kinds = set()
    for seed in range(60):
        shown = present(question, seed)
        assert shown.check(f"{shown.answer:.3f}").correct and shown.check(answers.format_answer("numeric", shown.answer)).correct
        assert not shown.check(f"{shown.answer + 0.002:.4f}").correct
        assert "3 decimals" in shown.prompt and shown.verify in shown.explanation
        kinds.add(shown.spec.get("x0") is None)
    if name == "ddpm_xt_std":
        assert kinds == {True, False}       # both the data-spread and the fixed-point variants are drawn


def test_generated_schedules_reach_every_length_and_the_late_steps():
    drawn = [generate("ddpm_alpha_bar", s).spec for s in SEEDS]
    assert {d["T"] for d in drawn} == {10, 20, 50, 100, 1000}
    assert any(d["t"] == 0 for d in drawn) and any(d["t"] > 500 for d in drawn)
    rng = random.Random(0)
    assert generate("ddpm_xt_std", rng.randrange(10**6)) is not None


# -- the app shows the lesson, its exercises and its demo ---------------------------------------
async def _wait_for(pilot, condition, timeout: float = 15.0) -> None:
    import asyncio

    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "condition not met in time"
        await pilot.pause(0.05)


@pytest.mark.asyncio
async def test_the_app_opens_the_lesson_and_an_exercise_and_lists_the_demo(tmp_path, monkeypatch):
    from tutor.grading.client import GradingService
    from tutor.tui.app import DLTutorApp
    from tutor.tui.screens.demo import DemoScreen
    from tutor.tui.screens.exercise import ExerciseScreen
    from tutor.tui.screens.lesson import LessonScreen
    from tutor.tui.widgets.curriculum import CurriculumList

    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path))
    monkeypatch.setattr(GradingService, "start", lambda self: None)
    app = DLTutorApp(start="diffusion")
    async with app.run_test(size=(100, 35)) as pilot:
        await _wait_for(pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen.is_mounted)
        assert app.screen.lesson.id == "diffusion"
        app.open_lesson("diffusion", section=len(LESSON.sections) - 1)
        await pilot.pause()
        names = {str(button.name) for button in app.screen.query("Button")}
        assert {"demo:diffusion", "quiz:diffusion"} <= names
    app = DLTutorApp(start="ddpm_sample_step")
    async with app.run_test(size=(100, 35)) as pilot:
        await _wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen) and app.screen.is_mounted)
        assert app.screen.exercise.id == "ddpm_sample_step"
        await pilot.press("escape", "escape")
        await _wait_for(pilot, lambda: not isinstance(app.screen, ExerciseScreen))
        curriculum = app.screen.query_one(CurriculumList)
        curriculum.select_row("demo", "diffusion")
        curriculum.focus()
        await pilot.press("enter")
        await _wait_for(pilot, lambda: isinstance(app.screen, DemoScreen) and app.screen.is_mounted)
        assert app.screen.demo == "diffusion"
