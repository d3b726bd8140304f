"""Checks for cross_entropy: the oracle is F.cross_entropy itself."""
import math

import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from tutor.grading.spec import Call, Check


class ORACLE:
    @staticmethod
    def cross_entropy(logits, target):
        return F.cross_entropy(logits, target)


DTYPES = {"float32": torch.float32, "float64": torch.float64}


def build(p: dict, gen: torch.Generator) -> Call:
    dtype = DTYPES[p.get("dtype", "float64")]
    if "logits" in p:
        logits = torch.tensor(p["logits"], dtype=dtype)
        target = torch.tensor(p["target"], dtype=torch.int64)
    else:
        n, c = p["n"], p["c"]
        logits = torch.randn(n, c, generator=gen, dtype=dtype) * p.get("scale", 2.0)
        target = torch.randint(0, c, (n,), generator=gen, dtype=torch.int64)
    return Call("cross_entropy", (logits, target), grad_wrt=(0,))


@st.composite
def batches(draw):
    return {"n": draw(st.integers(2, 8)), "c": draw(st.integers(2, 6)),
            "scale": draw(st.sampled_from([0.5, 2.0, 6.0]))}


def diagnose(call: Call, got, expected):
    """Any literal e^x of a logit past the overflow point gives inf or NaN, whichever way the
    formula is arranged (log Σ e^x = inf, e^x / Σ e^x = inf / inf): name it, not just one spelling."""
    logits = call.args[0]
    if not (isinstance(got, torch.Tensor) and isinstance(expected, torch.Tensor) and got.is_floating_point()):
        return None
    overflows = float(logits.max()) > math.log(torch.finfo(logits.dtype).max)
    if overflows and bool(torch.isfinite(expected).all()) and not bool(torch.isfinite(got.detach().cpu()).all()):
        return "no_max_subtraction"
    return None


# The targets pick the dominant classes: only the overflow of e^x can go wrong here.
LARGE_64 = {"logits": [[1000.0, 999.0, 0.0], [-5.0, 800.0, 799.5], [1000.0, 1000.0, 1000.0]], "target": [0, 2, 1]}
LARGE_32 = {"logits": [[100.0, 99.0, 0.0], [-5.0, 95.0, 94.5]], "target": [1, 1], "dtype": "float32"}
# The targets pick classes about 1000 below the best one: their softmax underflows to 0.
UNLIKELY_64 = {"logits": [[0.0, -1000.0, 5.0], [3.0, 2.0, -900.0]], "target": [1, 2]}
UNLIKELY_32 = {"logits": [[0.0, -150.0, 5.0], [3.0, 2.0, -120.0]], "target": [1, 2], "dtype": "float32"}
# Targets 40 below the best logit: p[target] ≈ 4e-18 is still a normal number (log(p) is finite and
# right), but it is far below any eps one might add inside the log.
CONFIDENTLY_WRONG_64 = {"logits": [[20.0, -20.0, 0.0], [1.0, 2.0, -38.0]], "target": [1, 2]}
CONFIDENTLY_WRONG_32 = {"logits": [[20.0, -20.0, 0.0], [1.0, 2.0, -38.0]], "target": [1, 2], "dtype": "float32"}


CHECKS = [
    Check("tiny example: logits [[2, 1, 0.1], [0.5, 2.5, -1]], targets [0, 1]", build, function="cross_entropy",
          cases=[{"logits": [[2.0, 1.0, 0.1], [0.5, 2.5, -1.0]], "target": [0, 1]}]),
    Check("a batch of random logits", build, function="cross_entropy", cases=[{"n": 4, "c": 5}, {"n": 3, "c": 2}]),
    Check("random batch sizes, class counts and scales", build, function="cross_entropy", strategy=batches(),
          max_examples=20),
    Check("float32 inputs keep float32", build, function="cross_entropy",
          cases=[{"n": 6, "c": 4, "dtype": "float32"}]),
    Check("large logits (up to 1000) stay finite", build, function="cross_entropy", cases=[LARGE_64, LARGE_32]),
    Check("a confidently wrong prediction (target 40 below the best logit: loss ≈ 40)", build,
          function="cross_entropy", cases=[CONFIDENTLY_WRONG_64, CONFIDENTLY_WRONG_32]),
    Check("a confidently wrong prediction (target ~1000 below the best logit)", build, function="cross_entropy",
          cases=[UNLIKELY_64, UNLIKELY_32]),
    Check("gradients match autograd through F.cross_entropy", build, function="cross_entropy", grad=True,
          cases=[{"n": 4, "c": 3}]),
]
