"""Checks for vae_reparameterize: the oracles are torch.distributions (an affine transform of ε,
and the analytic kl_divergence between two Normals)."""
import math

import torch
from hypothesis import strategies as st
from torch.distributions import Normal, kl_divergence
from torch.distributions.transforms import AffineTransform

from tutor.content.check_phrases import Phrases
from tutor.grading.spec import Call, Check

say = Phrases(__file__)


class ORACLE:
    @staticmethod
    def reparameterize(mu, logvar, eps):
        return AffineTransform(loc=mu, scale=torch.exp(0.5 * logvar))(eps)

    @staticmethod
    def gaussian_kl(mu, logvar):
        q = Normal(mu, torch.exp(0.5 * logvar))
        prior = Normal(torch.zeros_like(mu), torch.ones_like(mu))
        return kl_divergence(q, prior).sum(dim=1).mean()


def _dtype(p: dict) -> torch.dtype:
    return torch.float32 if p.get("dtype") == "float32" else torch.float64


def codes(p: dict, gen: torch.Generator):
    dtype = _dtype(p)
    mu = torch.randn(p["n"], p["j"], generator=gen, dtype=dtype)
    # Random, non-zero log-variances of both signs: logvar = 0 (σ = 1) would hide most mistakes.
    logvar = torch.randn(p["n"], p["j"], generator=gen, dtype=dtype) * p.get("spread", 1.5) + p.get("shift", 0.0)
    return mu, logvar


def build_reparameterize(p: dict, gen: torch.Generator) -> Call:
    mu, logvar = codes(p, gen)
    eps = torch.randn(p["n"], p["j"], generator=gen, dtype=_dtype(p))
    return Call("reparameterize", (mu, logvar, eps), grad_wrt=(0, 1, 2))


def build_kl(p: dict, gen: torch.Generator) -> Call:
    mu, logvar = codes(p, gen)
    return Call("gaussian_kl", (mu, logvar), grad_wrt=(0, 1))


def lesson_reparameterize(p: dict, gen: torch.Generator) -> Call:
    t = lambda v: torch.tensor(v, dtype=torch.float64)
    return Call("reparameterize", (t([[0.5]]), t([[math.log(0.25)]]), t([[2.0]])))


def lesson_kl(p: dict, gen: torch.Generator) -> Call:
    # The lesson's two codes plus a third: with N = 2, "twice the KL" and "summed over the batch"
    # would give the same number and could not be told apart.
    t = lambda v: torch.tensor(v, dtype=torch.float64)
    return Call("gaussian_kl", (t([[0.5, -1.0], [0.0, 0.0], [1.0, 0.5]]),
                                t([[0.0, math.log(0.25)], [0.0, 0.0], [0.5, -1.0]])))


@st.composite
def shapes(draw):
    # N = 2 is left out on purpose (see lesson_kl).
    return {"n": draw(st.sampled_from([1, 3, 4, 5])), "j": draw(st.integers(1, 8))}


def shape_hint(call: Call, expected: tuple, got: tuple):
    if call.fn == "gaussian_kl" and len(expected) == 0 and len(got) == 1:
        return say("one number for the batch: average the per-sample KLs over dimension 0")
    if call.fn == "gaussian_kl" and len(expected) == 0 and len(got) == 2:
        return say("sum over the latent dimensions (dim=1), then average over the batch")
    return None


CHECKS = [
    Check("reparameterize: the lesson's example (σ² = 0.25, ε = 2)", lesson_reparameterize,
          function="reparameterize", cases=[{}]),
    Check("reparameterize: a batch with random non-zero logvar", build_reparameterize, function="reparameterize",
          cases=[dict(n=3, j=4)]),
    Check("reparameterize: random sizes", build_reparameterize, function="reparameterize", strategy=shapes(),
          max_examples=15),
    Check("reparameterize: float32 inputs keep float32", build_reparameterize, function="reparameterize",
          cases=[dict(n=4, j=3, dtype="float32")]),
    Check("reparameterize: gradients reach mu and logvar", build_reparameterize, function="reparameterize",
          grad=True, cases=[dict(n=3, j=5)]),
    Check("gaussian_kl: the lesson's codes, plus one", lesson_kl, function="gaussian_kl", cases=[{}]),
    Check("gaussian_kl: a batch with random non-zero logvar", build_kl, function="gaussian_kl",
          cases=[dict(n=3, j=4), dict(n=5, j=2)]),
    Check("gaussian_kl: random sizes", build_kl, function="gaussian_kl", strategy=shapes(), max_examples=15),
    Check("gaussian_kl: confident and vague encoders (logvar ≈ −12 and ≈ +4)", build_kl, function="gaussian_kl",
          cases=[dict(n=3, j=3, spread=1.0, shift=-12.0), dict(n=4, j=2, spread=1.0, shift=4.0)]),
    Check("gaussian_kl: float32 inputs keep float32", build_kl, function="gaussian_kl",
          cases=[dict(n=4, j=6, dtype="float32")]),
    Check("gaussian_kl: gradients match autograd through kl_divergence", build_kl, function="gaussian_kl",
          grad=True, cases=[dict(n=3, j=4)]),
]
