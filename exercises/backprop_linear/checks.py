"""Checks for backprop_linear: the oracle is autograd through F.linear."""
import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from tutor.content.check_phrases import Phrases
from tutor.grading.spec import Call, Check

say = Phrases(__file__)


class ORACLE:
    @staticmethod
    def linear_backward(dout, x, w):
        x = x.detach().requires_grad_(True)
        w = w.detach().requires_grad_(True)
        b = torch.zeros(w.shape[0], dtype=w.dtype, device=w.device, requires_grad=True)
        y = F.linear(x, w, b)
        dx, dw, db = torch.autograd.grad(y, (x, w, b), grad_outputs=dout)
        return dx, dw, db


DTYPES = {"float32": torch.float32, "float64": torch.float64}


def build(p: dict, gen: torch.Generator) -> Call:
    dtype = DTYPES[p.get("dtype", "float64")]
    if "x" in p:
        dout, x, w = (torch.tensor(p[k], dtype=dtype) for k in ("dout", "x", "w"))
    else:
        n, d, m = p["n"], p["d"], p["m"]
        dout = torch.randn(n, m, generator=gen, dtype=dtype)
        x = torch.randn(n, d, generator=gen, dtype=dtype)
        w = torch.randn(m, d, generator=gen, dtype=dtype)
    return Call("linear_backward", (dout, x, w), describe={"returns": "(dx, dw, db)"})


@st.composite
def sizes(draw):
    return {"n": draw(st.integers(1, 6)), "d": draw(st.integers(1, 5)), "m": draw(st.integers(1, 5))}


def shape_hint(call: Call, expected: tuple, got: tuple):
    if len(expected) == 2 and tuple(got) == tuple(expected)[::-1]:
        return say("the two sizes are swapped — every gradient has the shape of its tensor: dx like x (N, D), "
                   "dw like w (M, D), db like b (M,)")
    if len(expected) == 1 and len(got) == 2 and expected[0] in got:
        if 1 in got:
            return say("db has an extra dimension of size 1: sum over the batch without keepdim (shape (M,), like b)")
        return say("db has one entry per output feature (M,): sum dout over the batch dimension")
    return None


CHECKS = [
    Check("tiny example: x [[1, 2]], w [[3, 4]], dout [[0.5]]", build, function="linear_backward",
          cases=[{"dout": [[0.5]], "x": [[1.0, 2.0]], "w": [[3.0, 4.0]]}]),
    Check("a batch: N = 4 inputs of size D = 3 to M = 2 outputs", build, function="linear_backward",
          cases=[{"n": 4, "d": 3, "m": 2}, {"n": 3, "d": 2, "m": 5}]),
    Check("square weight (D = M), where a transpose keeps the shape", build, function="linear_backward",
          cases=[{"n": 5, "d": 3, "m": 3}]),
    Check("random batch and layer sizes", build, function="linear_backward", strategy=sizes(), max_examples=20),
    Check("float32 inputs keep float32", build, function="linear_backward",
          cases=[{"n": 8, "d": 4, "m": 3, "dtype": "float32"}]),
]
