"""Checks for vae_loss: the oracle is F.binary_cross_entropy(reduction='sum') plus β times
torch.distributions.kl_divergence summed, divided by the batch size."""
import math

import torch
import torch.nn.functional as F
from hypothesis import strategies as st
from torch.distributions import Normal, kl_divergence

from tutor.content.check_phrases import Phrases
from tutor.grading.spec import Call, Check

say = Phrases(__file__)


class ORACLE:
    @staticmethod
    def vae_loss(x_recon, x, mu, logvar, beta=1.0):
        reconstruction = F.binary_cross_entropy(x_recon, x, reduction="sum")
        q = Normal(mu, torch.exp(0.5 * logvar))
        kl = kl_divergence(q, Normal(torch.zeros_like(mu), torch.ones_like(mu))).sum()
        return (reconstruction + beta * kl) / x.shape[0]


def lesson_example(p: dict, gen: torch.Generator) -> Call:
    t = lambda v: torch.tensor(v, dtype=torch.float64)
    args = (t([[0.9, 0.2, 0.8, 0.6], [0.1, 0.3, 0.7, 0.2]]), t([[1.0, 0, 1, 1], [0, 0, 1, 0]]),
            t([[0.5, -1.0], [0.0, 0.0]]), t([[0.0, math.log(0.25)], [0.0, 0.0]]))
    return Call("vae_loss", args, {"beta": p["beta"]} if "beta" in p else {})


def build(p: dict, gen: torch.Generator) -> Call:
    dtype = torch.float32 if p.get("dtype") == "float32" else torch.float64
    n, shape, j = p["n"], tuple(p["shape"]), p["j"]
    u = lambda *s: torch.rand(*s, generator=gen, dtype=dtype)
    # Data: half the pixels black or white, half grey; reconstructions strictly inside (0, 1).
    x = u(n, *shape)
    x = torch.where(u(n, *shape) < 0.5, x.round(), x)
    x_recon = 0.02 + 0.96 * u(n, *shape)
    if p.get("saturated"):
        # A saturated sigmoid: some outputs exactly 0 or 1, on the right side of x and on the wrong one.
        pick = u(n, *shape)
        x_recon = torch.where(pick < 0.2, torch.ones_like(x_recon), x_recon)
        x_recon = torch.where(pick > 0.8, torch.zeros_like(x_recon), x_recon)
        x.view(-1)[0], x_recon.view(-1)[0] = 1.0, 1.0          # 0·log 0 territory
        if x.numel() > 1:
            x.view(-1)[1], x_recon.view(-1)[1] = 0.0, 1.0      # a confident, wrong pixel
    mu = torch.randn(n, j, generator=gen, dtype=dtype)
    logvar = torch.randn(n, j, generator=gen, dtype=dtype) * 1.5       # random, non-zero
    kwargs = {"beta": p["beta"]} if "beta" in p else {}
    return Call("vae_loss", (x_recon, x, mu, logvar), kwargs, grad_wrt=(0, 2, 3))


@st.composite
def shapes(draw):
    shape = draw(st.sampled_from([[4], [7], [1, 3, 3], [2, 2, 3]]))
    return {"n": draw(st.integers(1, 4)), "shape": shape, "j": draw(st.integers(1, 6)),
            "beta": draw(st.sampled_from([1.0, 0.5, 2.0, 4.0]))}


def shape_hint(call: Call, expected: tuple, got: tuple):
    if len(expected) == 0 and len(got) >= 1:
        return say("the loss is one number: sum both terms over everything, then divide by N")
    return None


CHECKS = [
    Check("the lesson's worked example (β = 1)", lesson_example, function="vae_loss", cases=[{}]),
    Check("β-VAE: β multiplies the KL term", lesson_example, function="vae_loss",
          cases=[dict(beta=4.0), dict(beta=0.5)]),
    Check("images (N, 1, 4, 4) with random non-zero logvar", build, function="vae_loss",
          cases=[dict(n=3, shape=[1, 4, 4], j=3), dict(n=2, shape=[6], j=5, beta=2.0)]),
    Check("random sizes and β", build, function="vae_loss", strategy=shapes(), max_examples=20),
    # Any standard treatment of log 0 is right here (a small eps on the probabilities as much as
    # F.binary_cross_entropy's −100 on the logs): the loss and its gradients only have to stay finite.
    Check("saturated decoder: x_recon exactly 0 or 1 gives a finite loss and finite gradients", build,
          function="vae_loss", grad=True, finite_only=True,
          cases=[dict(n=2, shape=[8], j=2, saturated=True), dict(n=3, shape=[1, 3, 3], j=4, beta=2.0, saturated=True)]),
    Check("float32 inputs keep float32", build, function="vae_loss",
          cases=[dict(n=3, shape=[1, 4, 4], j=3, dtype="float32")]),
    Check("gradients match autograd (x_recon, mu, logvar)", build, function="vae_loss", grad=True,
          cases=[dict(n=3, shape=[5], j=4, beta=2.0)]),
]
