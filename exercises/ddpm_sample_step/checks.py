"""Checks for ddpm_sample_step. The grader's small model (the ddpm_loss harness's TinyEpsModel) is
rebuilt from the same plain-data weights here and in the sandbox. The oracle is Ho et al. (2020),
algorithm 2, with σ_t² = β_t:

    x_{t−1} = (x_t − β_t/√(1 − ᾱ_t)·ε_θ(x_t, t)) / √(1 − β_t)  +  σ_t·z,   and no σ_t·z at t = 0.
"""
import importlib.util
from pathlib import Path

import torch
from hypothesis import strategies as st

from tutor.content.check_phrases import Phrases
from tutor.grading.cases import describe_value
from tutor.grading.spec import Call, Check

say = Phrases(__file__)

_spec = importlib.util.spec_from_file_location("ddpm_sample_step_harness", Path(__file__).with_name("harness.py"))
harness = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(harness)
_loss_checks_spec = importlib.util.spec_from_file_location(
    "ddpm_loss_checks_weights", Path(__file__).resolve().parent.parent / "ddpm_loss" / "checks.py")
_loss_checks = importlib.util.module_from_spec(_loss_checks_spec)
_loss_checks_spec.loader.exec_module(_loss_checks)
mlp_weights = _loss_checks.mlp_weights


class ORACLE:
    @staticmethod
    def p_sample_step(model, x_t, t, noise, betas, alphas_cumprod):
        predicted = model(x_t, torch.full((x_t.shape[0],), t, dtype=torch.long, device=x_t.device))
        alpha = 1 - betas[t]
        mean = (x_t - betas[t] / (1 - alphas_cumprod[t]).sqrt() * predicted) / alpha.sqrt()
        return mean if t == 0 else mean + betas[t].sqrt() * noise


def build(p: dict, gen: torch.Generator) -> Call:
    dtype = torch.float32 if p.get("dtype") == "float32" else torch.float64
    T, b, shape, t = p["T"], p["b"], tuple(p["shape"]), p["t"]
    features = 1
    for size in shape:
        features *= size
    weights = mlp_weights(features, p.get("hidden", 8), dtype, gen)
    betas = torch.linspace(p.get("start", 1e-4), p.get("end", 0.02), T, dtype=torch.float64)
    alphas_cumprod = torch.cumprod(1 - betas, dim=0).to(dtype)
    x_t = torch.randn((b,) + shape, generator=gen, dtype=dtype)
    noise = torch.randn((b,) + shape, generator=gen, dtype=dtype)
    args = (weights, x_t, t, noise, betas.to(dtype), alphas_cumprod)
    return Call("sample_step", args, harness=True,
                describe={"call": "p_sample_step", "inputs": named(args[1:]),
                          "model": say("the grader's ε-model: flatten x_t ({features} numbers) + sin/cos of t → "
                                       "Linear → tanh → Linear", features=features), "T": T})


def named(values: tuple) -> dict:
    """The counterexample's inputs under the learner's argument names (the model is described apart)."""
    return {name: describe_value(v) for name, v in zip(("x_t", "t", "noise", "betas", "alphas_cumprod"), values)}


def lesson_example(p: dict, gen: torch.Generator) -> Call:
    f = lambda v: torch.tensor(v, dtype=torch.float64)
    betas = torch.linspace(0.1, 0.5, 5, dtype=torch.float64)
    args = ({"w": f(0.5)}, f([[1.0, -1.0]]), p["t"], f([[0.3, -0.2]]), betas, torch.cumprod(1 - betas, dim=0))
    return Call("sample_step", args, harness=True,
                describe={"call": "p_sample_step", "inputs": named(args[1:]), "model": "ε̂ = 0.5·x_t"})


@st.composite
def cases(draw):
    T = draw(st.sampled_from([5, 20, 100, 1000]))
    schedule = draw(st.sampled_from([(1e-4, 0.02), (0.01, 0.3)]))
    return {"T": T, "t": draw(st.sampled_from([0, 1, T - 1]) | st.integers(0, T - 1)), "b": draw(st.integers(1, 5)),
            "shape": draw(st.sampled_from([[2], [3], [1, 2, 2]])), "start": schedule[0], "end": schedule[1],
            "hidden": draw(st.integers(3, 10))}


def diagnose(call: Call, got, expected):
    """Other wrong noise coefficients than the variant file's (β_t/(1 − ᾱ_t)) are the same mistake."""
    if not isinstance(got, torch.Tensor) or not isinstance(expected, torch.Tensor) or got.shape != expected.shape:
        return None
    weights, x_t, t, noise, betas, alphas_cumprod = call.args
    with torch.no_grad():
        predicted = harness.make_model(weights)(x_t, torch.full((x_t.shape[0],), t, dtype=torch.long))
    beta, a_bar = betas[t], alphas_cumprod[t]
    spread = 0.0 if t == 0 else beta.sqrt() * noise
    for coefficient in ((1 - a_bar).sqrt(), 1 / (1 - a_bar).sqrt(), beta / (1 - beta).sqrt()):
        candidate = (x_t - coefficient * predicted) / (1 - beta).sqrt() + spread
        if torch.allclose(candidate, expected, rtol=1e-6, atol=1e-8):
            continue
        if torch.allclose(got.to(candidate.dtype).cpu(), candidate, rtol=1e-4, atol=1e-6):
            return "posterior_coefficient_wrong"
    return None


def points(**p):
    return {"T": 1000, "b": 4, "shape": [2], **p}


CHECKS = [
    Check("the worked example, t = 2 (ε̂ = 0.5·x_t)", lesson_example, function="p_sample_step", cases=[dict(t=2)]),
    Check("the worked example, t = 0: the last step adds no noise", lesson_example, function="p_sample_step",
          cases=[dict(t=0)]),
    Check("2-D points, the DDPM schedule: t = 999, 500, 1 and 0", build, function="p_sample_step",
          cases=[points(t=999), points(t=500), points(t=1), points(t=0)]),
    Check("images (B, C, H, W) on a short schedule", build, function="p_sample_step",
          cases=[dict(T=10, b=3, shape=[1, 2, 2], t=4, start=0.01, end=0.3),
                 dict(T=10, b=2, shape=[2, 1, 2], t=0, start=0.01, end=0.3)]),
    Check("random schedules, steps and batches", build, function="p_sample_step", strategy=cases(), max_examples=15),
    # What this check is about is the dtype. The values get float32's room for two routes to the same
    # mean: the ε form (the reference's) and the x̂₀ form (diffusers' scheduler), which at t = 0 computes
    # β₀/(1 − ᾱ₀) = 0.99983 instead of 1 in float32 and lands 1.7e-4 (relative) from the ε form.
    Check("float32 model and data keep float32", build, function="p_sample_step", rtol=1e-3, atol=1e-5,
          cases=[points(t=300, dtype="float32"), points(t=0, dtype="float32")]),
]
