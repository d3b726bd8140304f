"""Checks for gru_cell: the oracle is nn.GRUCell run with the given weights
(torch.func.functional_call keeps them in the autograd graph for the gradient check)."""
import torch
import torch.nn as nn
from hypothesis import strategies as st
from torch.func import functional_call

from tutor.content.check_phrases import Phrases
from tutor.grading.spec import Call, Check

say = Phrases(__file__)


class ORACLE:
    @staticmethod
    def gru_cell(x, h, w_ih, w_hh, b_ih, b_hh):
        inputs, hidden = w_ih.shape[1], w_ih.shape[0] // 3
        cell = nn.GRUCell(inputs, hidden).to(device=x.device, dtype=x.dtype)
        weights = {"weight_ih": w_ih, "weight_hh": w_hh, "bias_ih": b_ih, "bias_hh": b_hh}
        return functional_call(cell, weights, (x, h))


def lesson_example(p: dict, gen: torch.Generator) -> Call:
    t = lambda v: torch.tensor(v, dtype=torch.float64)
    return Call("gru_cell", (t([[1.0]]), t([[0.5]]), t([[1.0], [-1.0], [2.0]]), t([[0.0], [0.0], [1.0]]),
                             t([0.0, 0.0, 0.0]), t([0.0, 0.0, 0.5])))


def build(p: dict, gen: torch.Generator) -> Call:
    dtype = torch.float32 if p.get("dtype") == "float32" else torch.float64
    n, d, hs = p["n"], p["d"], p["hs"]
    scale = p.get("scale", 1.0)
    r = lambda *shape, s=1.0: torch.randn(*shape, generator=gen, dtype=dtype) * s
    w = scale / hs ** 0.5
    # Random non-zero biases: b_hn inside or outside the reset gate must make a difference.
    x, h = r(n, d, s=scale), r(n, hs).tanh()
    args = (x, h, r(3 * hs, d, s=w), r(3 * hs, hs, s=w), r(3 * hs, s=0.5 * scale), r(3 * hs, s=0.8 * scale))
    return Call("gru_cell", args, grad_wrt=(0, 1, 2, 3, 4, 5))


@st.composite
def shapes(draw):
    return {"n": draw(st.integers(1, 4)), "d": draw(st.integers(1, 6)), "hs": draw(st.integers(1, 6))}


def shape_hint(call: Call, expected: tuple, got: tuple):
    if len(expected) == 2 and len(got) == 2 and got[1] == 3 * expected[1]:
        return say("that is all three blocks together: split the (N, 3H) parts into r, z, n first")
    return None


CHECKS = [
    Check("the lesson's worked example (H = D = 1)", lesson_example, function="gru_cell", cases=[{}]),
    Check("a batch, with D ≠ H", build, function="gru_cell", cases=[dict(n=3, d=4, hs=5), dict(n=2, d=2, hs=3)]),
    Check("random sizes", build, function="gru_cell", strategy=shapes(), max_examples=20),
    Check("saturated gates (large pre-activations)", build, function="gru_cell",
          cases=[dict(n=3, d=3, hs=4, scale=25.0)]),
    Check("float32 inputs keep float32", build, function="gru_cell", cases=[dict(n=3, d=5, hs=4, dtype="float32")]),
    Check("gradients match autograd through nn.GRUCell", build, function="gru_cell", grad=True,
          cases=[dict(n=3, d=4, hs=3)]),
]
