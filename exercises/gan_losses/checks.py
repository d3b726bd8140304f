"""Checks for gan_losses: the oracle is F.binary_cross_entropy_with_logits (stable for any logit)."""
import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from tutor.content.check_phrases import Phrases
from tutor.grading.spec import Call, Check

say = Phrases(__file__)


class ORACLE:
    @staticmethod
    def discriminator_loss(real_logits, fake_logits):
        return (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
                + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))

    @staticmethod
    def generator_loss(fake_logits):
        return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))


def _logits(p: dict, gen: torch.Generator, size: int) -> torch.Tensor:
    dtype = torch.float32 if p.get("dtype") == "float32" else torch.float64
    shape = (size, 1) if p.get("column") else (size,)
    logits = torch.randn(*shape, generator=gen, dtype=dtype) * p.get("scale", 2.0)
    return logits + p.get("shift", 0.0)


def lesson_d(p: dict, gen: torch.Generator) -> Call:
    t = lambda v: torch.tensor(v, dtype=torch.float64)
    return Call("discriminator_loss", (t([2.0, 0.5]), t([-1.0, 0.3])))


def lesson_g(p: dict, gen: torch.Generator) -> Call:
    return Call("generator_loss", (torch.tensor([-1.0, 0.3], dtype=torch.float64),))


def build_d(p: dict, gen: torch.Generator) -> Call:
    real = _logits(p, gen, p["n"])
    fake = _logits(p, gen, p.get("m", p["n"]))
    if p.get("confident"):
        # D sure and wrong on one image each way: σ(−150) is 0 and σ(150) is 1 in floating point.
        real.view(-1)[0], fake.view(-1)[0] = -150.0, 150.0
    return Call("discriminator_loss", (real, fake), grad_wrt=(0, 1))


def build_g(p: dict, gen: torch.Generator) -> Call:
    fake = _logits(p, gen, p["n"])
    if p.get("confident"):
        fake.view(-1)[0] = -150.0          # D sure this fake is fake: −log σ(−150) = 150
    return Call("generator_loss", (fake,), grad_wrt=(0,))


@st.composite
def batches(draw):
    return {"n": draw(st.integers(1, 16)), "column": draw(st.booleans()),
            "scale": draw(st.sampled_from([0.5, 2.0, 5.0]))}


def shape_hint(call: Call, expected: tuple, got: tuple):
    if len(expected) == 0 and len(got) >= 1:
        return say("the loss is one number: take the mean over the batch")
    return None


CHECKS = [
    Check("discriminator_loss: the lesson's example", lesson_d, function="discriminator_loss", cases=[{}]),
    Check("discriminator_loss: a batch of (N, 1) logits", build_d, function="discriminator_loss",
          cases=[dict(n=8, column=True), dict(n=5)]),
    Check("discriminator_loss: random batches", build_d, function="discriminator_loss", strategy=batches(),
          max_examples=15),
    Check("discriminator_loss: confident logits (up to |ℓ| = 150, float32 too) stay finite", build_d,
          function="discriminator_loss", cases=[dict(n=12, scale=40.0, dtype="float32", confident=True),
                                                dict(n=6, scale=800.0, confident=True)]),
    Check("discriminator_loss: gradients match autograd", build_d, function="discriminator_loss", grad=True,
          cases=[dict(n=6, m=4, scale=3.0)]),
    Check("generator_loss: the lesson's example", lesson_g, function="generator_loss", cases=[{}]),
    Check("generator_loss: a batch the discriminator sees through (ℓ ≈ −4)", build_g, function="generator_loss",
          cases=[dict(n=8, column=True, scale=1.0, shift=-4.0)]),
    Check("generator_loss: random batches", build_g, function="generator_loss", strategy=batches(), max_examples=15),
    Check("generator_loss: confident logits (up to |ℓ| = 150, float32 too) stay finite", build_g, function="generator_loss",
          cases=[dict(n=12, scale=40.0, dtype="float32", confident=True),
                 dict(n=6, scale=800.0, confident=True)]),
    Check("generator_loss: gradients match autograd", build_g, function="generator_loss", grad=True,
          cases=[dict(n=6, scale=3.0)]),
]
