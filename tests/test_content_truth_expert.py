"""An expert read of lessons 12–15, their quizzes and exercises, checked against real PyTorch.

Each test pins one statement the course makes — the ones an expert read corrected, and formulas
the lessons state that no other test checked — to what PyTorch itself computes, and to the words
the learner reads (English and Chinese), so that a later edit cannot bring the old claim back.
"""
from __future__ import annotations

import importlib.util
import math
import tomllib
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from tutor.content import load_catalog

CATALOG = load_catalog()
LESSONS = {lesson.id: lesson for lesson in CATALOG.lessons}

pytestmark = pytest.mark.usefixtures("one_torch_thread")


def prose(lesson_id: str, zh: bool = False) -> str:
    """The lesson's text with line breaks folded, so a phrase can be searched across a wrap."""
    path = Path(LESSONS[lesson_id].path)
    if zh:
        path = path.parent / "zh" / path.name
    return " ".join(path.read_text(encoding="utf-8").split())


def manifest(exercise_id: str, zh: bool = False) -> dict:
    folder = Path(CATALOG.exercises[exercise_id].folder)
    return tomllib.loads((folder / ("zh.toml" if zh else "exercise.toml")).read_text(encoding="utf-8"))


def exercise_module(exercise_id: str, name: str):
    path = Path(CATALOG.exercises[exercise_id].folder) / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"expert_{exercise_id}_{name.replace('/', '_')}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- lesson 12: the signal's second moment, and Adam without bias correction -----------------------

def test_a_layer_multiplies_the_second_moment_not_the_variance_of_its_input():
    """Var(y) = fan_in·Var(w)·E[x²]: with ReLU inputs (mean > 0) E[x²] is right and Var(x) is not."""
    torch.manual_seed(0)
    fan_in, std = 256, 0.05
    x = torch.relu(torch.randn(20_000, fan_in, dtype=torch.float64))
    w = torch.randn(fan_in, 512, dtype=torch.float64) * std
    y = x @ w
    predicted = fan_in * std ** 2 * float(x.pow(2).mean())
    assert float(y.var()) == pytest.approx(predicted, rel=0.03)
    assert float(y.var()) > 1.3 * fan_in * std ** 2 * float(x.var())     # Var(x) = 0.34 misses E[x²] = 0.5


def _adam_steps_with_and_without_bias_correction(steps: int, grad: float = 0.5):
    """Real torch.optim.Adam steps under a constant gradient, and the uncorrected update m/(√v + ε)."""
    p = nn.Parameter(torch.zeros(1, dtype=torch.float64))
    optimizer = torch.optim.Adam([p], lr=1.0)
    m = v = 0.0
    ratios, first_moments = [], []
    before = 0.0
    for _ in range(steps):
        p.grad = torch.tensor([grad], dtype=torch.float64)
        optimizer.step()
        corrected = before - p.item()
        before = p.item()
        m, v = 0.9 * m + 0.1 * grad, 0.999 * v + 0.001 * grad ** 2
        ratios.append((m / (math.sqrt(v) + 1e-8)) / corrected)
        first_moments.append(float(optimizer.state[p]["exp_avg"]))
    return ratios, first_moments


def test_without_bias_correction_the_error_peaks_near_step_10_and_lasts_thousands_of_steps():
    ratios, first_moments = _adam_steps_with_and_without_bias_correction(3000)
    step = lambda t: ratios[t - 1]                                        # noqa: E731 (1-based, as the text)
    assert step(1) == pytest.approx(math.sqrt(10), rel=1e-6)              # 3.16
    assert 6.4 < max(ratios) < 6.6 and 8 <= ratios.index(max(ratios)) + 1 <= 15   # "about 6.5 around step 10"
    assert step(10) == pytest.approx(6.5, abs=0.05)
    assert step(300) == pytest.approx(2.0, abs=0.05)                      # "still twice too large at step 300"
    assert step(100) > 3                                                  # not faded after a few hundred steps
    assert step(2000) < 1.1 and step(3000) < 1.03                         # "right only after a few thousand"
    # E[m_t] = (1 − β₁ᵗ)·g for a steady gradient: what the correction divides away
    for t in (1, 5, 50):
        assert first_moments[t - 1] == pytest.approx((1 - 0.9 ** t) * 0.5, rel=1e-12)
    for text in (prose("training-deep-nets"), " ".join(manifest("adam")["mistakes"]["no_bias_correction"]
                                                         ["explanation"].split())):
        assert "3.16" in text and "6.5" in text and "step 300" in text and "few thousand steps" in text
        assert "few hundred steps" not in text
    assert "6.5" in prose("training-deep-nets", zh=True) and "6.5" in manifest("adam", zh=True)["mistakes"][
        "no_bias_correction"]["explanation"]


def test_eps_under_the_square_root_makes_a_tiny_gradient_5000_times_smaller():
    """g = 1e-8: torch's step is lr·g/(|g| + ε) = lr/2; the named mistake's is lr·g/√(g² + ε) ≈ lr/10⁴."""
    p = nn.Parameter(torch.tensor([1.0], dtype=torch.float64))
    optimizer = torch.optim.AdamW([p], lr=0.1, weight_decay=0.0)
    p.grad = torch.tensor([1e-8], dtype=torch.float64)
    optimizer.step()
    right = 1.0 - p.item()
    mistake = exercise_module("adam", "mistakes/eps_inside_sqrt")
    new, _ = mistake.adamw_step([torch.tensor([1.0], dtype=torch.float64)], [torch.tensor([1e-8], dtype=torch.float64)],
                                [None], lr=0.1)
    wrong = 1.0 - new[0].item()
    assert right == pytest.approx(0.05, rel=1e-9)
    assert wrong == pytest.approx(0.1 / 10_000, rel=1e-6)
    assert right / wrong == pytest.approx(5000, rel=1e-6)
    english = manifest("adam")["mistakes"]["eps_inside_sqrt"]["explanation"]
    assert "5,000 times smaller" in english and "10,000 times smaller" not in english
    assert "5,000 倍" in manifest("adam", zh=True)["mistakes"]["eps_inside_sqrt"]["explanation"]


# -- lesson 13: finite differences in float32 -------------------------------------------------------

def test_the_best_float32_central_difference_is_near_1e_5():
    """'in float32 (ε ≈ 1.2·10⁻⁷) the best achievable error is around 10⁻⁵', for the lesson's f."""
    def f(x):
        return torch.sin(x) * torch.exp(x)

    x0 = torch.tensor(1.0, dtype=torch.float32)
    exact = float((math.cos(1.0) + math.sin(1.0)) * math.exp(1.0))
    errors = [abs(float((f(x0 + h) - f(x0 - h)) / (2 * h)) - exact) for h in (1e-1, 3e-2, 1e-2, 3e-3, 1e-3, 3e-4, 1e-4)]
    assert 1e-6 < min(errors) < 1e-4
    assert "the best achievable error is around 10⁻⁵" in prose("backprop-by-hand")


# -- lesson 14: GELU, attention's cost, RMSNorm, post-LN, RoPE layouts --------------------------------

def test_gelu_is_x_times_the_normal_cdf():
    x = torch.linspace(-6, 6, 1001, dtype=torch.float64)
    phi = 0.5 * (1 + torch.erf(x / math.sqrt(2)))
    torch.testing.assert_close(F.gelu(x), x * phi)
    assert "GELU(x) = x·Φ(x), with Φ the standard normal CDF" in prose("transformers")


@pytest.mark.parametrize("T, E, heads", [(32, 64, 4), (16, 48, 3), (96, 32, 8)])
def test_attention_costs_4te2_plus_2t2e_multiply_adds(T, E, heads):
    """PyTorch's own FLOP counter (2 FLOPs per multiply-add) on nn.MultiheadAttention."""
    from torch.utils.flop_counter import FlopCounterMode

    attention = nn.MultiheadAttention(E, heads, batch_first=True)
    x = torch.randn(1, T, E)
    with FlopCounterMode(display=False) as counter:
        attention(x, x, x, need_weights=True)
    assert counter.get_total_flops() == 2 * (4 * T * E * E + 2 * T * T * E)
    assert "about 4TE² + 2T²E multiply-adds" in prose("transformers")


def test_rmsnorm_is_layer_norm_without_the_mean_and_the_bias():
    torch.manual_seed(0)
    x = torch.randn(3, 5, 8, dtype=torch.float64) + 2.0
    norm = nn.RMSNorm(8, eps=1e-6, dtype=torch.float64)
    with torch.no_grad():
        norm.weight.copy_(torch.linspace(0.5, 1.5, 8, dtype=torch.float64))
    expected = x / torch.sqrt(x.pow(2).mean(-1, keepdim=True) + 1e-6) * norm.weight
    torch.testing.assert_close(norm(x), expected)
    assert not hasattr(norm, "bias") or norm.bias is None
    # subtract the mean first and it is LayerNorm (without LayerNorm's bias)
    centred = x - x.mean(-1, keepdim=True)
    torch.testing.assert_close(norm(centred), F.layer_norm(x, (8,), norm.weight, None, eps=1e-6))
    assert "LLaMA with RMSNorm, a LayerNorm without the mean subtraction and the bias" in prose("transformers")
    assert "RMSNorm" in prose("transformers", zh=True)


def _zeroed_block(norm_first: bool, keep_norms: bool, E: int = 16) -> nn.Module:
    block = nn.TransformerEncoderLayer(E, nhead=4, dim_feedforward=4 * E, dropout=0.0, activation="gelu",
                                       batch_first=True, norm_first=norm_first).double()
    for name, parameter in block.named_parameters():
        if not (keep_norms and name.startswith("norm")):
            nn.init.zeros_(parameter)
    return block.eval()


def test_a_zeroed_pre_ln_block_is_the_identity_and_a_post_ln_block_never_is():
    torch.manual_seed(0)
    x = torch.randn(2, 3, 16, dtype=torch.float64)
    torch.testing.assert_close(_zeroed_block(True, keep_norms=False)(x), x)
    torch.testing.assert_close(_zeroed_block(True, keep_norms=True)(x), x)
    torch.testing.assert_close(_zeroed_block(False, keep_norms=False)(x), torch.zeros_like(x))   # as the code zeroes it
    ln = F.layer_norm(x, (16,))
    torch.testing.assert_close(_zeroed_block(False, keep_norms=True)(x), F.layer_norm(ln, (16,)))  # ≈ LN(x)
    torch.testing.assert_close(_zeroed_block(False, keep_norms=True)(x), ln, atol=1e-4, rtol=0)
    text = prose("transformers")
    assert "with only its branches switched off it returns LN(x)" in text and "it returns 0" in text


def _rope_rotate_half(x: torch.Tensor, base: float = 10000.0) -> torch.Tensor:
    """(T, d): feature j paired with j + d/2 (GPT-NeoX, Hugging Face)."""
    T, d = x.shape
    angle = torch.arange(T, dtype=x.dtype)[:, None] * base ** (-torch.arange(d // 2, dtype=x.dtype) * 2 / d)
    a, b = x[:, : d // 2], x[:, d // 2:]
    return torch.cat([a * angle.cos() - b * angle.sin(), b * angle.cos() + a * angle.sin()], dim=-1)


def _rope_interleaved(x: torch.Tensor, base: float = 10000.0) -> torch.Tensor:
    """(T, d): neighbours (2j, 2j + 1) as one complex number (RoFormer, Meta's LLaMA code)."""
    T, d = x.shape
    angle = torch.arange(T, dtype=x.dtype)[:, None] * base ** (-torch.arange(d // 2, dtype=x.dtype) * 2 / d)
    z = torch.view_as_complex(x.reshape(T, d // 2, 2).contiguous())
    return torch.view_as_real(z * torch.polar(torch.ones_like(angle), angle)).reshape(T, d)


def test_rope_layouts_differ_but_agree_after_permuting_the_query_and_key_rows():
    """Weights trained with neighbour pairs work with rotate-half once the projections' rows are permuted
    (even features first, then odd ones: Hugging Face's conversion of Meta's LLaMA weights)."""
    torch.manual_seed(0)
    T, E, d = 7, 12, 8
    w_q, w_k = torch.randn(d, E, dtype=torch.float64), torch.randn(d, E, dtype=torch.float64)
    x = torch.randn(T, E, dtype=torch.float64)
    scores_interleaved = _rope_interleaved(x @ w_q.T) @ _rope_interleaved(x @ w_k.T).T
    scores_unpermuted = _rope_rotate_half(x @ w_q.T) @ _rope_rotate_half(x @ w_k.T).T
    assert not torch.allclose(scores_interleaved, scores_unpermuted)
    rows = torch.cat([torch.arange(0, d, 2), torch.arange(1, d, 2)])          # 0, 2, 4, 6, 1, 3, 5, 7
    scores_permuted = _rope_rotate_half(x @ w_q[rows].T) @ _rope_rotate_half(x @ w_k[rows].T).T
    torch.testing.assert_close(scores_permuted, scores_interleaved)
    # the exercise's own oracle is the rotate-half layout
    solution = exercise_module("positional_encoding", "solution")
    q = torch.randn(1, 1, T, d, dtype=torch.float64)
    torch.testing.assert_close(solution.apply_rope(q)[0, 0], _rope_rotate_half(q[0, 0]))
    for text in (prose("transformers"), manifest("positional_encoding")["mistakes"]["rope_interleaved_pairs"]["explanation"]):
        assert "Meta's original LLaMA code" in text and "permuted" in text


def test_sine_and_cosine_of_a_pair_share_one_angle():
    """The hint's warning: the odd column uses its pair's exponent 2i/dim, not its own index 2i + 1."""
    solution = exercise_module("positional_encoding", "solution")
    pe = solution.sinusoidal_encoding(50, 16).double()
    torch.testing.assert_close(pe[:, 0::2] ** 2 + pe[:, 1::2] ** 2, torch.ones(50, 8, dtype=torch.float64))
    p = torch.arange(50, dtype=torch.float64)
    own_index = torch.cos(p / 10000 ** (3 / 16))                               # column 3 with its own index
    assert not torch.allclose(pe[:, 3].double(), own_index, atol=1e-4)
    assert "2i + 1" in manifest("positional_encoding")["hints"][2]


# -- lesson 15: the posterior variance and DDIM's η ------------------------------------------------

def _schedule():
    betas = torch.linspace(1e-4, 0.02, 1000, dtype=torch.float64)
    return betas, torch.cumprod(1 - betas, dim=0)


def test_the_posterior_variance_is_below_beta_and_ddim_eta_1_is_its_square_root():
    """β̃_t = (1 − ᾱ_{t−1})/(1 − ᾱ_t)·β_t < β_t (the two ends of σ_t²), and DDIM's
    σ_t(η) = η·√((1 − ᾱ_{t−1})/(1 − ᾱ_t))·√(1 − ᾱ_t/ᾱ_{t−1}) equals √β̃_t at η = 1."""
    betas, a_bar = _schedule()
    a_prev = torch.cat([torch.ones(1, dtype=torch.float64), a_bar[:-1]])
    posterior = (1 - a_prev) / (1 - a_bar) * betas
    assert bool((posterior < betas).all())
    assert float(posterior[0]) == 0.0 and float(posterior[999] / betas[999]) > 0.99   # differ most at small t
    ddim_sigma = torch.sqrt((1 - a_prev) / (1 - a_bar)) * torch.sqrt(1 - a_bar / a_prev)
    torch.testing.assert_close(ddim_sigma ** 2, posterior)
    assert "η = 1 recovers a DDPM-like sampler" in prose("diffusion")


def test_ddim_jumps_land_on_the_forward_marginal_when_the_noise_estimate_is_exact():
    """x_s = √ᾱ_s·x̂_0 + √(1 − ᾱ_s)·ε̂ with x̂_0 = (x_t − √(1 − ᾱ_t)·ε̂)/√ᾱ_t: with ε̂ = ε it is q(x_s | x_0)."""
    _, a_bar = _schedule()
    torch.manual_seed(1)
    x0, eps = torch.randn(2, 6, dtype=torch.float64)
    for t, s in ((999, 979), (500, 250), (10, 0)):
        x_t = a_bar[t].sqrt() * x0 + (1 - a_bar[t]).sqrt() * eps
        x0_hat = (x_t - (1 - a_bar[t]).sqrt() * eps) / a_bar[t].sqrt()
        x_s = a_bar[s].sqrt() * x0_hat + (1 - a_bar[s]).sqrt() * eps
        torch.testing.assert_close(x_s, a_bar[s].sqrt() * x0 + (1 - a_bar[s]).sqrt() * eps)


def test_alpha_instead_of_alpha_bar_keeps_98_percent_of_the_variance_at_the_last_step():
    betas, a_bar = _schedule()
    assert float(1 - betas[999]) == pytest.approx(0.98)
    assert f"{100 * float(a_bar[999]):.3f}%" == "0.004%"
    explanation = manifest("ddpm_forward")["mistakes"]["alpha_not_cumulative"]["explanation"]
    assert "98% of the signal's variance" in explanation and "(0.004%)" in explanation


@pytest.mark.slow  # the demo's whole default run
def test_the_deep_demo_batch_norm_net_hardly_moves_in_its_300_steps_while_the_residual_one_learns(dltutor_home):
    """Lesson 12's account of `dltutor demo deep` with its defaults: batch norm feeds every layer's
    gradient, yet its loss stays near ln 10 ≈ 2.30 (the text said it merely 'trains slowly')."""
    from tutor.demos import deep
    from tutor.demos.config import parse

    assert deep.DEFAULTS["steps"] == 300 and "in the demo's 300 steps its loss hardly moves from 2.30" in prose(
        "training-deep-nets")
    summary = list(deep.run(parse(["deep", "--no-pictures", "--seed", "0", "--threads", "1"])))[-1]
    losses, gradients = summary["final_losses"], summary["first_layer_grad_norms"]
    assert abs(losses["batchnorm"] - math.log(10)) < 0.1 and gradients["batchnorm"] > 1e-3
    assert losses["residual"] < losses["kaiming"] < losses["batchnorm"] - 0.2
    assert losses["residual"] < 1.9


@pytest.mark.slow  # the demo's whole default run
def test_the_gpt_demo_overfits_its_held_out_loss_climbs_back_towards_the_unigram_baseline(dltutor_home):
    """Lesson 14's account of `dltutor demo gpt` with its defaults: the held-out loss bottoms out after
    a few hundred steps, then climbs back towards the unigram baseline while the training loss falls."""
    from tutor.demos import gpt
    from tutor.demos.config import parse

    stream = list(gpt.run(parse(["gpt", "--no-pictures", "--threads", "1"])))
    metrics = [(e["step"], e["values"]) for e in stream if e["type"] == "metric"]
    summary = stream[-1]
    best_step, best = min(((step, v["valid_loss"]) for step, v in metrics), key=lambda pair: pair[1])
    assert 100 <= best_step <= 450 and best < summary["unigram_loss"] - 0.5          # "a few hundred steps"
    assert summary["valid_loss"] > best + 0.4 and summary["valid_loss"] > summary["unigram_loss"] - 0.3
    assert summary["final_loss"] < best - 1.0                                       # training keeps falling
    assert "then climbs back towards the unigram baseline" in prose("transformers")


@pytest.mark.parametrize("shape, gain", [((300, 200), 1.0), ((64, 32, 3, 3), 5 / 3)])
def test_xavier_normal_is_gain_over_root_of_the_average_fan(shape, gain):
    """'std = gain/√fan … Xavier's fan is the average of the two, (fan_in + fan_out)/2'."""
    fan_in, fan_out = nn.init._calculate_fan_in_and_fan_out(torch.empty(shape))
    torch.manual_seed(0)
    w = nn.init.xavier_normal_(torch.empty(shape, dtype=torch.float64), gain=gain)
    assert float(w.std()) == pytest.approx(gain / math.sqrt((fan_in + fan_out) / 2), rel=0.02)
    assert "Xavier's fan is the average of the two, (fan_in + fan_out)/2" in prose("training-deep-nets")
