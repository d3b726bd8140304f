"""Checks for mse: the oracle is F.mse_loss itself."""
import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from tutor.grading.spec import Call, Check


class ORACLE:
    @staticmethod
    def mse_loss(pred, target):
        return F.mse_loss(pred, target)


DTYPES = {"float32": torch.float32, "float64": torch.float64}


def build(p: dict, gen: torch.Generator) -> Call:
    dtype = DTYPES[p.get("dtype", "float64")]
    if "pred" in p:
        pred, target = torch.tensor(p["pred"], dtype=dtype), torch.tensor(p["target"], dtype=dtype)
    else:
        pred = torch.randn(*p["shape"], generator=gen, dtype=dtype) * p.get("scale", 1.0)
        target = torch.randn(*p["shape"], generator=gen, dtype=dtype) * p.get("scale", 1.0)
    return Call("mse_loss", (pred, target), grad_wrt=(0, 1))


@st.composite
def shapes(draw):
    # A batch of at least 2: with N = 1, "divide by N" and "sum" are the same mistake.
    shape = [draw(st.integers(2, 6))] + draw(st.lists(st.integers(1, 4), max_size=3))
    return {"shape": shape, "scale": draw(st.sampled_from([0.1, 1.0, 10.0]))}


CHECKS = [
    Check("tiny example: pred [1, 2, 3], target [1, 0, 0]", build, function="mse_loss",
          cases=[{"pred": [1.0, 2.0, 3.0], "target": [1.0, 0.0, 0.0]}]),
    Check("a batch of vectors (N, D): the mean runs over every element", build, function="mse_loss",
          cases=[{"shape": [3, 4]}, {"shape": [2, 3, 5]}]),
    Check("random shapes and scales", build, function="mse_loss", strategy=shapes(), max_examples=20),
    Check("float32 inputs keep float32", build, function="mse_loss", cases=[{"shape": [8, 3], "dtype": "float32"}]),
    Check("gradients match autograd through F.mse_loss", build, function="mse_loss", grad=True,
          cases=[{"shape": [4, 3]}]),
]
