"""Checks for backprop_softmax_ce: the oracle is autograd through F.cross_entropy."""
import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from tutor.grading.spec import Call, Check


class ORACLE:
    @staticmethod
    def cross_entropy_backward(logits, target):
        logits = logits.detach().requires_grad_(True)
        (grad,) = torch.autograd.grad(F.cross_entropy(logits, target), logits)
        return grad


DTYPES = {"float32": torch.float32, "float64": torch.float64}


def build(p: dict, gen: torch.Generator) -> Call:
    dtype = DTYPES[p.get("dtype", "float64")]
    if "logits" in p:
        logits = torch.tensor(p["logits"], dtype=dtype)
        target = torch.tensor(p["target"], dtype=torch.int64)
    else:
        logits = torch.randn(p["n"], p["c"], generator=gen, dtype=dtype) * p.get("scale", 2.0)
        target = torch.randint(0, p["c"], (p["n"],), generator=gen, dtype=torch.int64)
    return Call("cross_entropy_backward", (logits, target))


@st.composite
def batches(draw):
    return {"n": draw(st.integers(2, 8)), "c": draw(st.integers(2, 6)),
            "scale": draw(st.sampled_from([0.5, 2.0, 6.0]))}


def diagnose(call: Call, got, expected):
    """The gradient has no log and no division except inside softmax: inf or NaN where the answer
    is finite means an e^x overflowed (or every e^x underflowed), however the softmax was written."""
    if isinstance(got, torch.Tensor) and isinstance(expected, torch.Tensor) and got.is_floating_point() \
            and got.shape == expected.shape and bool(torch.isfinite(expected).all()) \
            and not bool(torch.isfinite(got.detach().cpu()).all()):
        return "no_max_subtraction"
    return None


LARGE_64 = {"logits": [[1000.0, 999.0, 0.0], [-5.0, 800.0, 799.5], [1000.0, 1000.0, -1000.0]], "target": [0, 2, 2]}
LARGE_32 = {"logits": [[100.0, 99.0, 0.0], [-5.0, 95.0, 94.5]], "target": [1, 0], "dtype": "float32"}


CHECKS = [
    Check("tiny example: logits [[0, 0, 0], [1, 2, 3]], targets [2, 0]", build, function="cross_entropy_backward",
          cases=[{"logits": [[0.0, 0.0, 0.0], [1.0, 2.0, 3.0]], "target": [2, 0]}]),
    Check("a batch of random logits", build, function="cross_entropy_backward",
          cases=[{"n": 4, "c": 5}, {"n": 3, "c": 2}]),
    Check("random batch sizes, class counts and scales", build, function="cross_entropy_backward",
          strategy=batches(), max_examples=20),
    Check("float32 inputs keep float32", build, function="cross_entropy_backward",
          cases=[{"n": 6, "c": 4, "dtype": "float32"}]),
    Check("large logits (up to 1000) stay finite", build, function="cross_entropy_backward",
          cases=[LARGE_64, LARGE_32]),
]
