"""Lesson 14 (transformers): house rules, every code block runs and prints what the text says,
every number the text states is computed again with PyTorch, the generated quiz questions agree
with PyTorch over many seeds, and the checks of the lesson's exercises hold what they promise."""
from __future__ import annotations

import contextlib
import importlib.util
import io
import math
import re

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from tutor.content import load_catalog
from tutor.quiz import answers
from tutor.quiz.generators import GENERATORS, generate

CATALOG = load_catalog()
LESSON = next(lesson for lesson in CATALOG.lessons if lesson.id == "transformers")
TEXT = LESSON.path.read_text(encoding="utf-8")
BLOCKS = re.findall(r"```python\n(.*?)```", TEXT, re.S)
FENCE = re.compile(r"```.*?```", re.S)
OWN_GENERATORS = ("transformer_param_count", "head_split_shape", "temperature_effect")


pytestmark = pytest.mark.usefixtures("one_torch_thread")


# -- house rules -------------------------------------------------------------------------------------
def test_front_matter_lists_the_four_exercises_and_the_capstone():
    assert LESSON.order == 14 and LESSON.title == "Transformers" and LESSON.demo == "gpt"
    assert list(LESSON.exercises) == ["multi_head_attention", "positional_encoding", "transformer_block", "sampling"]
    for exercise_id in LESSON.exercises:
        assert CATALOG.exercises[exercise_id].lesson == "transformers"


def test_house_rules():
    prose = re.sub(r"`[^`\n]*`", "", FENCE.sub("", TEXT))
    assert "$" not in prose and "\\frac" not in TEXT
    assert 3000 <= len(TEXT.split()) <= 4200, len(TEXT.split())
    assert TEXT.count("**Common confusion") >= 5
    for section in LESSON.sections:
        assert len(section.body.split()) <= 700, section.title
    assert "Capstone" in LESSON.sections[-1].title and "dltutor demo gpt --mine" in LESSON.sections[-1].body


def test_quiz_has_twelve_questions_with_the_generated_ones():
    quiz = CATALOG.quiz(LESSON)
    assert len(quiz) >= 12
    assert {q.generator for q in quiz if q.kind == "generated"} == set(OWN_GENERATORS)


def test_quiz_verify_expressions_match_the_answers():
    namespace = {"torch": torch, "nn": nn, "F": F, "math": math}
    checked = 0
    for question in CATALOG.quiz(LESSON):
        verify = question.raw.get("verify") if question.raw else None
        if verify:
            value = eval(verify, namespace)
            tolerance = question.raw.get("tolerance", 0) or 1e-9
            assert abs(float(value) - float(question.raw["answer"])) <= tolerance, (question.raw["prompt"], value)
            checked += 1
    assert checked >= 4


# -- the code blocks run and print what the text says -------------------------------------------------
EXPECTED_OUTPUT = [
    ["torch.Size([2, 2, 5, 4]) False", "True"],                       # the head split
    ["[1.0000, 0.0000, 0.0000, 0.0000]", "[0.5000, 0.5000, 0.0000, 0.0000]", "[0.2500, 0.2500, 0.2500, 0.2500]"],   # causal
    ["[0.8415, 0.5403, 0.01, 1.0]"],                                   # sinusoids at position 1
    ["True"],                                                          # RoPE: relative positions
    ["True"],                                                          # pre-LN block with zero weights
    ["4.01", "4.48"],                                                  # loss and perplexity
    ["tensor([0.8650, 0.1171, 0.0158, 0.0021])", "tensor([0.7311, 0.2689, 0.0000, 0.0000])"],  # sampling
    ["49984 107712"],                                                  # the tiny GPT's count
]


def test_every_block_is_checked():
    assert len(BLOCKS) == len(EXPECTED_OUTPUT)


@pytest.mark.parametrize("index", range(len(EXPECTED_OUTPUT)))
def test_code_block_runs_and_prints_what_the_text_says(index):
    out = io.StringIO()
    torch.manual_seed(0)
    with contextlib.redirect_stdout(out):
        exec(compile(BLOCKS[index], f"block {index}", "exec"), {})
    for expected in EXPECTED_OUTPUT[index]:
        assert expected in out.getvalue(), (expected, out.getvalue())
    if index != 1:                               # the block's own comments state what it prints
        for expected in EXPECTED_OUTPUT[index]:
            assert expected in BLOCKS[index], expected


# -- the numbers in the prose --------------------------------------------------------------------------
def parameters(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


def gpt_count(vocabulary: int, dim: int, context: int, layers: int) -> int:
    """Token + learned positions + blocks + final LayerNorm, the output layer tied (built on the meta device)."""
    block = nn.TransformerEncoderLayer(dim, max(1, dim // 64), 4 * dim, device="meta")
    return (parameters(nn.Embedding(vocabulary, dim, device="meta")) + parameters(nn.Embedding(context, dim, device="meta"))
            + layers * parameters(block) + parameters(nn.LayerNorm(dim, device="meta")))


def stated(number: int) -> bool:
    return f"{number:,}" in TEXT


def test_attention_cost_numbers():
    assert stated(parameters(nn.MultiheadAttention(512, 8)))            # 1,050,624
    for heads in (1, 2, 8):
        assert parameters(nn.MultiheadAttention(64, heads)) == 4 * 64 ** 2 + 4 * 64    # h does not enter
    for e in (64, 768):
        assert parameters(nn.TransformerEncoderLayer(e, 4, 4 * e, device="meta")) == 12 * e * e + 13 * e
    assert "12E² + 13E" in TEXT and "4E² + 4E" in TEXT


def test_tiny_gpt_table_matches_pytorch_and_the_demo():
    from tutor.demos import gpt

    block = nn.TransformerEncoderLayer(64, 4, 256)
    rows = {"3,520": 55 * 64, "4,096": parameters(nn.Embedding(64, 64)), "16,640": parameters(block.self_attn),
            "33,088": parameters(block.linear1) + parameters(block.linear2),
            "49,984": parameters(block), "99,968": 2 * parameters(block), "128": parameters(nn.LayerNorm(64)),
            "107,712": gpt_count(55, 64, 64, 2)}
    for text, value in rows.items():
        assert f"{value:,}" == text and text in TEXT
    vocabulary = len(set(__import__("tutor.data.text", fromlist=["load_text"]).load_text()))
    assert vocabulary == 55 and "V = 55" in TEXT
    model = gpt.TinyGPT(vocabulary, gpt.Parts())
    assert gpt.parameter_count(model) == 107_712
    assert (gpt.DIM, gpt.HEADS, gpt.LAYERS, gpt.CONTEXT) == (64, 4, 2, 64)


def test_gpt2_numbers():
    assert stated(gpt_count(50257, 768, 1024, 12))                      # 124,439,808
    assert stated(50257 * 768)                                          # 38,597,376
    assert "38.6 million" in TEXT and round(50257 * 768 / 1e6, 1) == 38.6
    assert 0.30 < 50257 * 768 / gpt_count(50257, 768, 1024, 12) < 1 / 3  # "almost a third"


def test_loss_and_sampling_numbers():
    assert f"ln 55 = {math.log(55):.2f}" in TEXT
    assert f"e^1.5 = {math.exp(1.5):.2f}" in TEXT
    z = torch.tensor([2.0, 1.0, 0.0, -1.0], dtype=torch.float64)
    for temperature in (1, 0.5, 2):
        row = ", ".join(f"{p:.4f}" for p in torch.softmax(z / temperature, dim=-1).tolist())
        assert f"[{row}]" in TEXT, row
    kth = torch.topk(z, 2).values[-1]
    top2 = torch.softmax(z.masked_fill(z < kth, float("-inf")), dim=-1)
    assert f"[{top2[0]:.4f}, {top2[1]:.4f}, 0, 0]" in TEXT


def test_unigram_baseline_is_about_three_nats():
    from tutor.data.text import load_text
    from tutor.demos import gpt

    text = load_text()
    chars = sorted(set(text))
    data = torch.tensor([chars.index(c) for c in text])
    split = int(len(data) * 0.9)
    assert 2.7 < gpt.unigram_loss(data[:split], data[split:], len(chars)) < 3.2


def test_sinusoid_and_rope_claims():
    assert math.isclose(1 / 10000 ** (2 / 4), 0.01)
    # a shift by k is a rotation of each (sin, cos) pair whose coefficients depend only on k
    omega, p, k = 0.3, 5.0, 3.0
    assert math.isclose(math.sin((p + k) * omega), math.sin(p * omega) * math.cos(k * omega) + math.cos(p * omega) * math.sin(k * omega))
    assert math.isclose(math.cos((p + k) * omega), math.cos(p * omega) * math.cos(k * omega) - math.sin(p * omega) * math.sin(k * omega))


# -- generated questions against PyTorch ---------------------------------------------------------------
def quiz_torch_answer(spec: dict):
    """The answer of a lesson-14 generated question, computed by PyTorch from the spec alone."""
    if spec.get("api") == "head_split":
        b, t, e, h = spec["batch"], spec["length"], spec["embed"], spec["heads"]
        q = torch.randn(b, t, e)
        heads = q.reshape(b, t, h, e // h).transpose(1, 2)
        if spec["ask"] == "heads":
            return tuple(heads.shape)
        mha = nn.MultiheadAttention(e, h, batch_first=True)
        key = torch.randn(b, spec["keys"], e)
        _, weights = mha(q, key, key, average_attn_weights=False)
        return tuple(weights.shape)
    if spec.get("api") == "temperature":
        probabilities = torch.softmax(torch.tensor(spec["logits"], dtype=torch.float64) / spec["temperature"], dim=-1)
        return round(math.log(float(probabilities[spec["i"]] / probabilities[spec["j"]])), 6)
    return parameters(getattr(nn, spec["layer"])(**spec["kwargs"]))


@pytest.mark.parametrize("name", OWN_GENERATORS)
def test_generated_answers_match_pytorch(name):
    assert name in GENERATORS
    with torch.no_grad():
        for seed in range(300):
            drawn = generate(name, seed)
            assert drawn.answer == quiz_torch_answer(drawn.spec), (seed, drawn.prompt)


@pytest.mark.parametrize("name", OWN_GENERATORS)
def test_generated_questions_are_worked_and_checkable(name):
    namespace = {"torch": torch, "nn": nn, "F": F, "math": math}
    prompts = set()
    for seed in range(0, 120, 2):
        drawn = generate(name, seed)
        prompts.add(drawn.prompt)
        assert eval(drawn.verify, namespace) == drawn.answer
        assert drawn.verify in drawn.explanation and drawn.prompt.endswith("?")
        assert answers.check(drawn.kind, drawn.answer, answers.format_answer(drawn.kind, drawn.answer)).correct
    assert len(prompts) > 30


def test_generators_reach_every_kind_of_question():
    specs = [generate(name, seed).spec for name in OWN_GENERATORS for seed in range(300)]
    assert {s.get("layer") for s in specs if "layer" in s} == {"MultiheadAttention", "TransformerEncoderLayer"}
    assert any(s.get("layer") == "MultiheadAttention" and not s["kwargs"]["bias"] for s in specs)
    assert {s["ask"] for s in specs if s.get("api") == "head_split"} == {"heads", "scores"}
    temperatures = {s["temperature"] for s in specs if s.get("api") == "temperature"}
    assert temperatures == {0.25, 0.5, 2, 4}
    assert any(s["logits"][s["i"]] < s["logits"][s["j"]] for s in specs if s.get("api") == "temperature")


def test_the_generators_module_imports_no_torch():
    import subprocess
    import sys

    code = "import sys, tutor.quiz.generators_transformers; sys.exit('torch' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


# -- the exercises' checks keep their promises --------------------------------------------------------
def exercise_checks(exercise_id: str):
    path = CATALOG.exercises[exercise_id].checks
    spec = importlib.util.spec_from_file_location(f"lesson14_checks_{exercise_id}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sampling_tests_few_enough_rows_for_the_stated_bound():
    """checks.py promises a correct sampler fails a run with probability < 1e-9: count the row tests."""
    checks = exercise_checks("sampling")
    rows = 0
    gen = torch.Generator().manual_seed(0)
    for check in checks.CHECKS:
        for params in check.cases:
            call = check.build(params, gen)
            logits, temperature, top_k = call.args[:3]
            if temperature != 0 and top_k != 1:
                rows += logits.shape[0]
        if check.strategy is not None:
            rows += check.max_examples * 2          # the strategy draws at most 2 rows
    assert rows <= checks.MAX_ROW_TESTS
    assert checks.MAX_ROW_TESTS * checks.ALPHA < 1e-9


def test_sampling_threshold_is_conservative_for_a_right_sampler():
    """The G statistic of right draws stays far below the threshold (it would cross it once in 1e11)."""
    checks = exercise_checks("sampling")
    gen = torch.Generator().manual_seed(1)
    probabilities = torch.softmax(torch.tensor([2.0, 1.0, 0.0, -1.0, 0.5], dtype=torch.float64), dim=-1)
    worst = 0.0
    for _ in range(300):
        draws = torch.multinomial(probabilities, checks.ROUNDS, replacement=True, generator=gen)
        worst = max(worst, checks.g_statistic(torch.bincount(draws, minlength=5).double(), probabilities))
    assert worst < 0.5 * checks.g_threshold(checks.ROUNDS, 5)


def run_sampler(checks, sampler, params: dict, seed: int = 0):
    call = checks.build(params, torch.Generator().manual_seed(seed))
    harness_path = CATALOG.exercises["sampling"].folder / "harness.py"
    spec = importlib.util.spec_from_file_location("lesson14_sampling_harness", harness_path)
    harness = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(harness)
    namespace = type("Learner", (), {"sample_next_token": staticmethod(sampler)})
    got = harness.draw(namespace, *call.args)
    expected = harness.draw(checks.ORACLE, *call.args)
    return call, got, expected


def test_sampling_judge_names_the_learners_problems():
    checks = exercise_checks("sampling")

    def right(logits, temperature=1.0, top_k=None, generator=None):
        return checks.ORACLE.sample_next_token(logits, temperature, top_k, generator)

    def global_rng(logits, temperature=1.0, top_k=None, generator=None):
        return checks.ORACLE.sample_next_token(logits, temperature, top_k, None)

    def column(logits, temperature=1.0, top_k=None, generator=None):
        return right(logits, temperature, top_k, generator)[:, None]

    def off_by_one_k(logits, temperature=1.0, top_k=None, generator=None):
        return right(logits, temperature, top_k - 1, generator)        # keeps one token too few

    params = dict(logits=[[2.0, -1.0, 1.0, 0.0, 0.5]], top_k=3, temperature=1.0)
    for seed in range(5):
        assert checks.judge(*reversed(run_sampler(checks, right, params, seed)[1:])) is None
    assert "seeded alike" in checks.judge(*reversed(run_sampler(checks, global_rng, params)[1:]))
    assert "squeeze" in checks.judge(*reversed(run_sampler(checks, column, params)[1:]))
    message = checks.judge(*reversed(run_sampler(checks, off_by_one_k, params)[1:]))
    assert message and "G =" in message
    greedy = dict(logits=[[1.0, 3.0, 3.0]], temperature=0.0, rounds=20)
    ties = lambda logits, temperature=1.0, top_k=None, generator=None: torch.full((len(logits),), 2)   # noqa: E731
    assert checks.judge(*reversed(run_sampler(checks, ties, greedy)[1:])) is None      # any maximum is right
    first = lambda logits, temperature=1.0, top_k=None, generator=None: torch.zeros(len(logits), dtype=torch.long)  # noqa: E731
    assert "argmax" in checks.judge(*reversed(run_sampler(checks, first, greedy)[1:]))


def test_rope_property_check_catches_absolute_positions():
    checks = exercise_checks("positional_encoding")
    call = checks.relative_call({"t": 6, "d": 8}, torch.Generator().manual_seed(0))
    x = call.args[0]
    right = checks.ORACLE.apply_rope(x)
    assert checks.relative_only(right, right) is None
    scaled = right * (1 + torch.arange(6, dtype=torch.float64)[:, None])       # depends on the absolute position
    assert "offset" in checks.relative_only(right, scaled)
    positions = torch.arange(6, dtype=torch.float64)[:, None] ** 2            # angle p² θ: not a relative rotation
    half = 4
    theta = 10000.0 ** (-torch.arange(half, dtype=torch.float64) * 2 / 8)
    angle = positions * theta
    a, b = x[..., :half], x[..., half:]
    squared = torch.cat([a * angle.cos() - b * angle.sin(), b * angle.cos() + a * angle.sin()], dim=-1)
    assert checks.relative_only(right, squared) is not None


def test_transformer_block_without_a_mask_is_named_mask_not_causal(tmp_path):
    from tutor.grading.engine import grade

    source = (CATALOG.exercises["transformer_block"].solution).read_text()
    unmasked = source.replace("    if causal:  # position t may look at positions 0 … t only", "    if False:")
    assert unmasked != source
    path = tmp_path / "transformer_block.py"
    path.write_text(unmasked)
    result = grade(CATALOG.exercises["transformer_block"], path, seed=7, device="cpu")
    assert result.status == "fail"
    assert {t.mistake for t in result.tests if t.mistake} == {"mask_not_causal"}


def test_multi_head_attention_oracle_is_nn_multihead_attention():
    """The functional oracle equals a real nn.MultiheadAttention module holding the same weights."""
    checks = exercise_checks("multi_head_attention")
    layer = nn.MultiheadAttention(6, 3, batch_first=True, dtype=torch.float64)
    q, kv = torch.randn(2, 4, 6, dtype=torch.float64), torch.randn(2, 5, 6, dtype=torch.float64)
    mask = torch.rand(4, 5) < 0.7
    mask[:, 0] = True
    expected, _ = layer(q, kv, kv, attn_mask=~mask)
    got = checks.ORACLE.multi_head_attention(q, kv, kv, layer.in_proj_weight, layer.in_proj_bias,
                                             layer.out_proj.weight, layer.out_proj.bias, 3, mask=mask)
    torch.testing.assert_close(got, expected)


def test_sinusoid_oracle_is_the_formula():
    checks = exercise_checks("positional_encoding")
    table = checks.ORACLE.sinusoidal_encoding(7, 6)
    for p in range(7):
        for i in range(3):
            assert math.isclose(table[p, 2 * i].item(), math.sin(p / 10000 ** (2 * i / 6)), abs_tol=1e-6)
            assert math.isclose(table[p, 2 * i + 1].item(), math.cos(p / 10000 ** (2 * i / 6)), abs_tol=1e-6)


# -- the TUI shows the lesson and its exercises ---------------------------------------------------------
@pytest.fixture
def tui_home(tmp_path, monkeypatch):
    from tutor.grading.client import GradingService

    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path))
    monkeypatch.setattr(GradingService, "start", lambda self: None)
    return tmp_path


@pytest.mark.asyncio
async def test_tui_opens_the_lesson_and_an_exercise(tui_home):
    from tutor.tui.app import DLTutorApp
    from tutor.tui.screens.exercise import ExerciseScreen
    from tutor.tui.screens.lesson import LessonScreen

    async def until(pilot, condition):
        for _ in range(400):
            if condition():
                return
            await pilot.pause(0.05)
        raise AssertionError("the screen did not open")

    app = DLTutorApp(start="transformers")
    async with app.run_test(size=(100, 35)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen.is_mounted)
        assert app.screen.sub_title.startswith(f"§ 1/{len(LESSON.sections)}")
    app = DLTutorApp(start="sampling")
    async with app.run_test(size=(100, 35)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ExerciseScreen) and app.screen.is_mounted)
        assert app.screen.exercise.id == "sampling"

