"""Generated questions against real PyTorch: the layer is built from the question's numbers and run."""
from __future__ import annotations

import math
import subprocess
import sys

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from tutor.content.quizzes import GENERATORS as CONTENT_GENERATORS
from tutor.quiz import answers
from tutor.quiz.generators import GENERATORS, generate, recurrent_param_count

SEEDS = range(400)


@pytest.fixture(autouse=True)
def one_thread():
    """Tiny tensors: threads only add contention (10x slower on a busy 2-core machine)."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    with torch.no_grad():
        yield
    torch.set_num_threads(threads)


def _torch_answer(spec: dict, kind: str) -> object:
    """The answer computed by PyTorch from the spec alone, independent of the generators' formulas."""
    if spec.get("api") in ("head_split", "temperature"):   # lesson 14's questions, answered in its own test file
        from test_lesson_transformers import quiz_torch_answer
        return quiz_torch_answer(spec)
    if "module" in spec:  # a lesson's generator module recomputes its answers with PyTorch itself
        return __import__(spec["module"], fromlist=["torch_answer"]).torch_answer(spec)
    if spec.get("api") == "sdpa":
        q, k, v = (torch.randn(*spec[n], dtype=torch.float64) for n in ("q", "k", "v"))
        out = F.scaled_dot_product_attention(q, k, v)
        weights = torch.softmax(q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1]), dim=-1)
        assert torch.allclose(out, weights @ v)      # the weights really are the ones SDPA uses
        return tuple((out if spec["ask"] == "output" else weights).shape)
    if spec.get("api") == "graph":  # lesson 13: one partial derivative of a small expression, by autograd
        with torch.enable_grad():
            values = {k: torch.tensor(float(v), requires_grad=True) for k, v in spec["values"].items()}
            return torch.autograd.grad(eval(spec["expression"], {"torch": torch}, values), values[spec["wrt"]])[0].item()
    if spec.get("api") == "mha":
        mha = nn.MultiheadAttention(spec["embed_dim"], spec["num_heads"], batch_first=spec["batch_first"])
        query, key = torch.randn(*spec["query"]), torch.randn(*spec["key"])
        out, weights = mha(query, key, key, average_attn_weights=spec["average_attn_weights"])
        return tuple((out if spec["ask"] == "output" else weights).shape)
    layer = getattr(nn, spec["layer"])(**spec["kwargs"])
    if "parameter" in spec:
        return tuple(getattr(layer, spec["parameter"]).shape)
    if "input" in spec:
        return tuple(layer(torch.randn(1, *spec["input"])).shape[1:])
    assert kind == "numeric"
    return sum(p.numel() for p in layer.parameters())


def _evaluate(expression: str) -> object:
    return eval(expression, {"torch": torch, "nn": nn, "F": F, "math": math})


def test_every_generator_named_by_the_quiz_format_exists():
    assert set(GENERATORS) == set(CONTENT_GENERATORS)


# Generators of a lesson's own module (tutor/quiz/generators_<slug>.py) are checked against PyTorch
# by that lesson's test file; the generic checks below still run over every generator.
CORE = sorted(name for name, fn in GENERATORS.items() if fn.__module__ == "tutor.quiz.generators")


@pytest.mark.parametrize("name", CORE)
def test_generated_answers_match_pytorch(name):
    torch.manual_seed(0)
    for seed in SEEDS:
        drawn = generate(name, seed)
        expected = _torch_answer(drawn.spec, drawn.kind)
        assert drawn.answer == expected, f"{name} seed {seed}: {drawn.prompt} -> {drawn.answer}, PyTorch {expected}"


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_the_check_it_yourself_line_computes_the_answer(name):
    for seed in range(0, 120, 3):
        drawn = generate(name, seed)
        value = _evaluate(drawn.verify)
        assert value == drawn.answer, f"{name} seed {seed}: {drawn.verify} = {value}, answer {drawn.answer}"
        assert drawn.verify in drawn.explanation


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_explanations_are_worked_with_the_questions_numbers(name):
    for seed in range(40):
        drawn = generate(name, seed)
        if drawn.kind == "shape":
            shown = [answers.format_shape(drawn.answer), f"({', '.join(map(str, drawn.answer))})", answers.format_shape(drawn.answer)]
        else:
            shown = [f"{drawn.answer:,}"]
        assert any(s in drawn.explanation for s in shown), (seed, drawn.explanation)
        assert drawn.prompt.strip().endswith("?")
        typed = answers.format_answer(drawn.kind, drawn.answer)
        assert answers.check(drawn.kind, drawn.answer, typed).correct


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_same_seed_same_question_and_seeds_vary(name):
    assert generate(name, 5) == generate(name, 5)
    assert len({generate(name, seed).prompt for seed in range(30)}) > 10


def test_the_seeds_reach_the_tricky_cases():
    """The PyTorch comparison is only as good as the variety it sees."""
    conv = [generate("conv_output_shape", s).spec["kwargs"] for s in SEEDS]
    assert any(c["dilation"] == 2 for c in conv) and any(c["stride"] == 3 for c in conv)
    assert any(c["kernel_size"][0] != c["kernel_size"][1] for c in conv) and any(c["padding"] > 0 for c in conv)
    pools = [generate("pool_output_shape", s).spec for s in SEEDS]
    assert {p["layer"] for p in pools} == {"MaxPool2d", "AvgPool2d"}
    assert any(p["kwargs"]["stride"] is None for p in pools) and any(p["kwargs"]["padding"] for p in pools)
    counts = [generate("layer_param_count", s).spec for s in SEEDS]
    assert {c["layer"] for c in counts} == {"Linear", "Conv2d", "LSTM", "GRU", "RNN"}
    recurrent = [c["kwargs"] for c in counts if c["layer"] in ("LSTM", "GRU", "RNN")]
    assert any(r["bidirectional"] for r in recurrent) and any(r["num_layers"] == 2 for r in recurrent)
    assert any(not c["kwargs"]["bias"] for c in counts)
    shapes = [generate("rnn_weight_shapes", s).spec for s in SEEDS]
    assert {s["layer"] for s in shapes} >= {"LSTM", "GRU", "RNN", "LSTMCell", "GRUCell"}
    assert any(s["parameter"].endswith("_reverse") for s in shapes) and any("_l1" in s["parameter"] for s in shapes)
    attention = [generate("attention_output_shape", s).spec for s in SEEDS]
    assert {a["api"] for a in attention} == {"sdpa", "mha"} and {a["ask"] for a in attention} == {"output", "weights"}
    mha = [a for a in attention if a["api"] == "mha"]
    assert {a["batch_first"] for a in mha} == {True, False} and {a["average_attn_weights"] for a in mha} == {True, False}


@pytest.mark.parametrize("name, expected", [
    ("LSTM", 4 * 20 * (10 + 20) + 2 * 4 * 20), ("GRU", 3 * 20 * (10 + 20) + 2 * 3 * 20),
    ("RNN", 20 * (10 + 20) + 2 * 20),
])
def test_recurrent_count_formula_by_hand(name, expected):
    assert recurrent_param_count(name, 10, 20) == expected


def test_quiz_engine_imports_no_torch():
    code = ("import sys, tutor.quiz.session, tutor.quiz.generators, tutor.commands.quiz; "
            "heavy = [m for m in ('torch', 'numpy') if m in sys.modules]; "
            "print(heavy); sys.exit(1 if heavy else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
