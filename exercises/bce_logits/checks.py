"""Checks for bce_logits: the oracle is F.binary_cross_entropy_with_logits itself."""
import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from tutor.grading.spec import Call, Check


class ORACLE:
    @staticmethod
    def bce_with_logits(logits, target):
        return F.binary_cross_entropy_with_logits(logits, target)


DTYPES = {"float32": torch.float32, "float64": torch.float64}


def build(p: dict, gen: torch.Generator) -> Call:
    dtype = DTYPES[p.get("dtype", "float64")]
    if "logits" in p:
        logits, target = torch.tensor(p["logits"], dtype=dtype), torch.tensor(p["target"], dtype=dtype)
    else:
        logits = torch.randn(*p["shape"], generator=gen, dtype=dtype) * p.get("scale", 2.0)
        target = torch.rand(*p["shape"], generator=gen, dtype=dtype)
        if not p.get("soft", False):
            target = (target < 0.5).to(dtype)
    return Call("bce_with_logits", (logits, target), grad_wrt=(0, 1))


@st.composite
def shapes(draw):
    shape = draw(st.lists(st.integers(1, 5), min_size=1, max_size=3))
    if shape == [1]:
        shape = [2]     # one element: sum and mean coincide
    return {"shape": shape, "scale": draw(st.sampled_from([0.5, 2.0, 6.0])), "soft": draw(st.booleans())}


def diagnose(call: Call, got, expected):
    """inf or NaN where the loss is finite can only come from an overflowing log-sigmoid,
    however the formula was arranged (log σ, log(1 − σ), log(1 + e^x) written literally)."""
    if isinstance(got, torch.Tensor) and isinstance(expected, torch.Tensor) and got.is_floating_point() \
            and bool(torch.isfinite(expected).all()) and not bool(torch.isfinite(got.detach().cpu()).all()):
        return "unstable_log_sigmoid"
    return None


LARGE_64 = {"logits": [[50.0, -50.0, 40.0, -40.0], [800.0, -800.0, 1000.0, -1000.0]],
            "target": [[0.0, 1.0, 1.0, 0.0], [0.0, 1.0, 1.0, 0.0]]}
LARGE_32 = {"logits": [[30.0, -30.0, 100.0, -100.0]], "target": [[0.0, 1.0, 1.0, 0.0]], "dtype": "float32"}


CHECKS = [
    Check("tiny example: logits [0, 2, −1], targets [1, 0, 0]", build, function="bce_with_logits",
          cases=[{"logits": [0.0, 2.0, -1.0], "target": [1.0, 0.0, 0.0]}]),
    Check("a batch with hard 0/1 targets", build, function="bce_with_logits", cases=[{"shape": [4, 3]}]),
    Check("soft targets between 0 and 1", build, function="bce_with_logits",
          cases=[{"shape": [5], "soft": True}, {"shape": [2, 3, 2], "soft": True}]),
    Check("random shapes, scales and targets", build, function="bce_with_logits", strategy=shapes(),
          max_examples=20),
    Check("float32 inputs keep float32", build, function="bce_with_logits",
          cases=[{"shape": [6, 4], "dtype": "float32"}]),
    Check("large logits (±40 … ±1000) stay finite", build, function="bce_with_logits", cases=[LARGE_64, LARGE_32]),
    Check("gradients match autograd (logits and targets)", build, function="bce_with_logits", grad=True,
          cases=[{"shape": [3, 4], "soft": True}]),
]
