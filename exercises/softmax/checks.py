"""Checks for softmax: the oracle is torch.softmax itself."""
import torch
from hypothesis import strategies as st

from tutor.grading.spec import Call, Check


class ORACLE:
    @staticmethod
    def softmax(x, dim=-1):
        return torch.softmax(x, dim=dim)


DTYPES = {"float32": torch.float32, "float64": torch.float64}


def build(p: dict, gen: torch.Generator) -> Call:
    dtype = DTYPES[p.get("dtype", "float64")]
    if "values" in p:
        x = torch.tensor(p["values"], dtype=dtype)
    else:
        x = torch.randn(*p["shape"], generator=gen, dtype=dtype) * p.get("scale", 2.0)
    return Call("softmax", (x,), {"dim": p.get("dim", -1)}, grad_wrt=(0,))


@st.composite
def shapes(draw):
    # Sizes ≥ 2: with a single row, "normalise over everything" and "normalise along the last
    # dimension" are the same computation, and a case could not tell those two mistakes apart.
    shape = draw(st.lists(st.integers(2, 5), min_size=1, max_size=3))
    dim = draw(st.integers(-len(shape), len(shape) - 1))
    return {"shape": shape, "dim": dim, "scale": draw(st.sampled_from([0.5, 2.0, 8.0]))}


LARGE_64 = [[1000.0, 999.0, 0.0], [-1000.0, -1001.0, -1003.0], [0.5, 800.0, -800.0]]
LARGE_32 = [[100.0, 99.0, 0.0], [-200.0, -201.0, -203.0], [0.5, 95.0, -95.0]]


CHECKS = [
    Check("tiny example [1, 2, 3]", build, function="softmax", cases=[{"values": [1.0, 2.0, 3.0]}]),
    Check("each row of a batch is its own distribution (dim=-1)", build, function="softmax",
          cases=[{"shape": [3, 5]}, {"shape": [4, 1]}]),
    Check("softmax along dim=0 and dim=1 of a 3-D tensor", build, function="softmax",
          cases=[{"shape": [2, 3, 4], "dim": 0}, {"shape": [2, 3, 4], "dim": 1}, {"shape": [3, 2, 2], "dim": -2}]),
    Check("random shapes and dims", build, function="softmax", strategy=shapes(), max_examples=20),
    Check("float32 inputs keep float32", build, function="softmax", cases=[{"shape": [4, 6], "dtype": "float32"}]),
    Check("large logits (±1000) stay finite", build, function="softmax",
          cases=[{"values": LARGE_64}, {"values": LARGE_32, "dtype": "float32"}]),
    Check("gradients match autograd through torch.softmax", build, function="softmax", grad=True,
          cases=[{"shape": [3, 4], "dim": 1}, {"shape": [2, 3, 2], "dim": 0}]),
]
