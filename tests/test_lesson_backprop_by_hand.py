"""Lesson 13 (backprop-by-hand): the house rules, every code block run and its printed output
compared with the text shown under it, and every formula of the text checked against autograd."""
from __future__ import annotations

import contextlib
import io
import math
import re

import pytest
import torch
import torch.nn.functional as F

from tutor.content import load_catalog

CATALOG = load_catalog()
LESSON = next(l for l in CATALOG.lessons if l.id == "backprop-by-hand")
TEXT = LESSON.path.read_text()
FENCE = re.compile(r"```.*?```", re.S)
INLINE = re.compile(r"`[^`\n]*`")
BLOCK_AND_OUTPUT = re.compile(r"```python\n(.*?)```\s*(?:```text\n(.*?)```)?", re.S)
NUMBER = re.compile(r"^[-+]?\d*\.?\d+(e[-+]?\d+)?$")


pytestmark = pytest.mark.usefixtures("one_torch_thread")


def test_house_rules():
    assert LESSON.order == 13 and LESSON.title == "Backpropagation by hand"
    assert LESSON.exercises == ("grad_check", "conv2d_backward", "max_pool2d_backward", "batch_norm_backward",
                                "lstm_backward", "micrograd") or list(LESSON.exercises) == [
        "grad_check", "conv2d_backward", "max_pool2d_backward", "batch_norm_backward", "lstm_backward", "micrograd"]
    prose = INLINE.sub("", FENCE.sub("", TEXT))
    assert "$" not in prose and "\\frac" not in TEXT
    assert 2500 <= len(TEXT.split()) <= 4200
    assert TEXT.count("**Common confusion") >= 5
    for section in LESSON.sections:
        assert len(section.body.split()) <= 700, section.title
    assert len(CATALOG.quiz(LESSON)) >= 12


def _same_token(shown: str, got: str) -> bool:
    if shown == got:
        return True
    if NUMBER.match(shown) and NUMBER.match(got):
        a, b = float(shown), float(got)
        if max(abs(a), abs(b)) < 1e-6:       # rounding noise (the h sweep): the same order of magnitude
            return a != 0 and b != 0 and abs(math.log10(abs(a)) - math.log10(abs(b))) <= 1
        return math.isclose(a, b, rel_tol=1e-6)
    return False


def _tokens(text: str) -> list[str]:
    return re.findall(r"[-+]?\d*\.?\d+(?:e[-+]?\d+)?|[^\s\d.,\[\]()]+|[\[\](),]", text)


BLOCKS = BLOCK_AND_OUTPUT.findall(TEXT)


def test_there_are_code_blocks_with_their_output():
    assert len(BLOCKS) >= 8 and sum(1 for _, out in BLOCKS if out) >= 8


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_code_block_runs_and_prints_what_the_lesson_shows(index):
    code, shown = BLOCKS[index]
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        exec(compile(code, f"lesson block {index}", "exec"), {"__name__": "__lesson__"})
    if shown:
        got, want = _tokens(buffer.getvalue()), _tokens(shown)
        assert len(got) == len(want) and all(_same_token(w, g) for w, g in zip(want, got)), \
            f"block {index} printed:\n{buffer.getvalue()}\nthe lesson shows:\n{shown}"


# -- the formulas and numbers in the prose ---------------------------------------------------
def test_numbers_in_the_prose():
    assert "0.97⁵⁰ ≈ 0.218" in TEXT and round(0.97 ** 50, 3) == 0.218
    assert "ε ≈ 2.2·10⁻¹⁶" in TEXT and round(torch.finfo(torch.float64).eps, 17) == 2.2e-16
    assert "ε ≈ 1.2·10⁻⁷" in TEXT and round(torch.finfo(torch.float32).eps, 8) == 1.2e-7
    assert "h ≈ ε^(1/3) ≈ 10⁻⁵" in TEXT and 1e-6 < torch.finfo(torch.float64).eps ** (1 / 3) < 1e-5 * 1.01
    assert "q = 3 and f = −12" in TEXT
    assert "1 + 2 + 3 + 4 = 10" in TEXT


def test_conv_dx_is_a_full_convolution_of_dilated_dout_with_the_flipped_kernel():
    """The text's recipe for any stride: dilate dout by s − 1 zeros, pad by K − 1, flip, correlate."""
    torch.manual_seed(1)
    for stride in (1, 2, 3):
        x = torch.randn(2, 3, 8, 7, dtype=torch.float64, requires_grad=True)
        w = torch.randn(4, 3, 3, 2, dtype=torch.float64, requires_grad=True)
        out = F.conv2d(x, w, stride=stride)
        dout = torch.randn_like(out)
        out.backward(dout)
        n, f, h_out, w_out = dout.shape
        dilated = torch.zeros(n, f, (h_out - 1) * stride + 1, (w_out - 1) * stride + 1, dtype=dout.dtype)
        dilated[:, :, ::stride, ::stride] = dout
        full = F.pad(dilated, (1, 1, 2, 2))
        dx = F.conv2d(full, w.detach().flip(2, 3).transpose(0, 1))
        # rows/columns no window reached get zero gradient: pad the result up to x's shape
        dx = F.pad(dx, (0, x.shape[3] - dx.shape[3], 0, x.shape[2] - dx.shape[2]))
        assert torch.allclose(dx, x.grad), stride
        # "what PyTorch calls a transposed convolution"
        output_padding = (x.shape[2] - ((h_out - 1) * stride + 3), x.shape[3] - ((w_out - 1) * stride + 2))
        assert torch.allclose(F.conv_transpose2d(dout, w.detach(), stride=stride, output_padding=output_padding), x.grad)


def test_batch_norm_staged_formulas_of_the_text():
    torch.manual_seed(2)
    n, eps = 6, 1e-5
    x = torch.randn(n, 4, dtype=torch.float64, requires_grad=True)
    gamma = torch.randn(4, dtype=torch.float64)
    out = F.batch_norm(x, None, None, gamma, None, training=True, eps=eps)
    dout = torch.randn_like(out)
    out.backward(dout)
    with torch.no_grad():
        mu = x.mean(0)
        var = ((x - mu) ** 2).mean(0)
        sigma = torch.sqrt(var + eps)
        dx_hat = dout * gamma
        dvar = (dx_hat * (x - mu) * -0.5 * (var + eps) ** -1.5).sum(0)
        dmu = (dx_hat * (-1 / sigma)).sum(0) + dvar * (-2 / n) * (x - mu).sum(0)
        dx = dx_hat / sigma + dvar * 2 * (x - mu) / n + dmu / n
    assert torch.allclose(dx, x.grad)
    assert (x - mu).sum(0).abs().max() < 1e-12          # "the second sum is 0"


def test_lstm_backward_formulas_of_the_text():
    torch.manual_seed(3)
    n, d, hidden = 3, 4, 2
    cell = torch.nn.LSTMCell(d, hidden, dtype=torch.float64)
    x = torch.randn(n, d, dtype=torch.float64, requires_grad=True)
    h = torch.randn(n, hidden, dtype=torch.float64, requires_grad=True)
    c = torch.randn(n, hidden, dtype=torch.float64, requires_grad=True)
    h_next, c_next = cell(x, (h, c))
    dh_next, dc_next = torch.randn_like(h_next), torch.randn_like(c_next)
    torch.autograd.backward((h_next, c_next), (dh_next, dc_next))
    with torch.no_grad():
        a = x @ cell.weight_ih.T + cell.bias_ih + h @ cell.weight_hh.T + cell.bias_hh
        a_i, a_f, a_g, a_o = a.chunk(4, dim=1)
        i, f, g, o = torch.sigmoid(a_i), torch.sigmoid(a_f), torch.tanh(a_g), torch.sigmoid(a_o)
        c2 = f * c + i * g
        do = dh_next * torch.tanh(c2)
        dc2 = dc_next + dh_next * o * (1 - torch.tanh(c2) ** 2)
        di, dg, df, dc = dc2 * g, dc2 * i, dc2 * c, dc2 * f
        da = torch.cat([di * i * (1 - i), df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], dim=1)
    assert torch.allclose(dc, c.grad)
    assert torch.allclose(da @ cell.weight_ih, x.grad) and torch.allclose(da @ cell.weight_hh, h.grad)
    assert torch.allclose(da.T @ x, cell.weight_ih.grad) and torch.allclose(da.T @ h, cell.weight_hh.grad)
    assert torch.allclose(da.sum(0), cell.bias_ih.grad) and torch.allclose(da.sum(0), cell.bias_hh.grad)


def test_patterns_of_gradient_flow():
    a = torch.tensor(2.0, requires_grad=True)
    b = torch.tensor(-3.0, requires_grad=True)
    (a + b).backward(torch.tensor(5.0))                      # add distributes
    assert (a.grad.item(), b.grad.item()) == (5.0, 5.0)
    a.grad = b.grad = None
    (a * b).backward(torch.tensor(5.0))                      # multiply swaps
    assert (a.grad.item(), b.grad.item()) == (-15.0, 10.0)
    a.grad = b.grad = None
    torch.maximum(a, b).backward(torch.tensor(5.0))          # max routes
    assert (a.grad.item(), b.grad.item()) == (5.0, 0.0)
    a.grad = None
    (a * 4 + a * 6).backward()                               # copy sums
    assert a.grad.item() == 10.0


# -- the generated questions (tutor/quiz/generators_backprop.py) -----------------------------
GENERATOR_SEEDS = range(300)


def test_conv_gradient_shapes_match_a_real_backward_pass():
    from tutor.quiz.generators import generate

    asked = set()
    for seed in GENERATOR_SEEDS:
        drawn = generate("conv_gradient_shape", seed)
        spec = drawn.spec
        layer = torch.nn.Conv2d(**spec["kwargs"])
        x = torch.zeros(spec["batch"])
        out = layer(x)
        dout = torch.ones_like(out)
        out.backward(dout)
        if "parameter" in spec:
            got = tuple(getattr(layer, spec["parameter"]).grad.shape)
            asked.add(spec["parameter"])
        else:
            got = tuple(dout.shape[1:])
            asked.add("dout")
        assert drawn.answer == got, (seed, drawn.prompt, drawn.answer, got)
        assert drawn.prompt.endswith("?") and drawn.verify in drawn.explanation
    assert asked == {"weight", "bias", "dout"}


def test_graph_gradients_match_autograd():
    from tutor.quiz.generators import generate

    seen = set()
    for seed in GENERATOR_SEEDS:
        drawn = generate("graph_gradient", seed)
        spec = drawn.spec
        values = {k: torch.tensor(float(v), dtype=torch.float64, requires_grad=True) for k, v in spec["values"].items()}
        f = eval(spec["expression"], {"torch": torch}, values)
        (grad,) = torch.autograd.grad(f, values[spec["wrt"]])
        assert drawn.answer == grad.item(), (seed, drawn.prompt, drawn.answer, grad.item())
        assert isinstance(drawn.answer, int) and f"= {drawn.answer}." in drawn.explanation
        assert eval(drawn.verify, {"torch": torch}) == drawn.answer
        seen.add((spec["expression"], spec["wrt"]))
    from tutor.quiz.generators_backprop import GRAPHS
    assert {expression for expression, _ in seen} == {expression for _, expression in GRAPHS}
    assert len(seen) >= 15


def test_generated_questions_vary_and_repeat_by_seed():
    from tutor.quiz.generators import generate

    for name in ("conv_gradient_shape", "graph_gradient"):
        assert generate(name, 11) == generate(name, 11)
        assert len({generate(name, s).prompt for s in range(40)}) > 20


# -- the TUI shows the lesson and its exercises -----------------------------------------------
@pytest.mark.asyncio
async def test_tui_opens_the_lesson_and_the_micrograd_exercise(tmp_path, monkeypatch):
    import asyncio

    from tutor.grading.client import GradingService
    from tutor.tui.app import DLTutorApp
    from tutor.tui.screens.exercise import ExerciseScreen
    from tutor.tui.screens.lesson import LessonScreen

    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path))
    monkeypatch.setattr(GradingService, "start", lambda self: None)

    async def wait_for(pilot, condition, timeout=15.0):
        deadline = asyncio.get_running_loop().time() + timeout
        while not condition():
            assert asyncio.get_running_loop().time() < deadline, "condition not met in time"
            await pilot.pause(0.05)

    app = DLTutorApp(start="backprop-by-hand")
    async with app.run_test(size=(100, 35)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen.is_mounted)
        assert app.screen.lesson.id == "backprop-by-hand"
    app = DLTutorApp(start="micrograd")
    async with app.run_test(size=(100, 35)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen) and app.screen.is_mounted)
        assert app.screen.exercise.id == "micrograd"
        assert (tmp_path / "workspace" / "micrograd.py").read_text().count("raise NotImplementedError") == 2
