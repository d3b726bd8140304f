"""Checks for lstm_cell: the oracle is nn.LSTMCell run with the given weights
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
    def lstm_cell(x, h, c, w_ih, w_hh, b_ih, b_hh):
        inputs, hidden = w_ih.shape[1], w_ih.shape[0] // 4
        cell = nn.LSTMCell(inputs, hidden).to(device=x.device, dtype=x.dtype)
        weights = {"weight_ih": w_ih, "weight_hh": w_hh, "bias_ih": b_ih, "bias_hh": b_hh}
        h_next, c_next = functional_call(cell, weights, (x, (h, c)))
        return h_next, c_next


def lesson_example(p: dict, gen: torch.Generator) -> Call:
    z = lambda *shape: torch.zeros(*shape, dtype=torch.float64)
    w_ih = torch.tensor([[0.5], [1.0], [2.0], [0.0]], dtype=torch.float64)
    x, h, c = torch.ones(1, 1, dtype=torch.float64), z(1, 1), torch.full((1, 1), 0.5, dtype=torch.float64)
    return Call("lstm_cell", (x, h, c, w_ih, z(4, 1), z(4), z(4)))


def build(p: dict, gen: torch.Generator) -> Call:
    dtype = torch.float32 if p.get("dtype") == "float32" else torch.float64
    n, d, hs = p["n"], p["d"], p["hs"]
    scale = p.get("scale", 1.0)
    r = lambda *shape, s=1.0: torch.randn(*shape, generator=gen, dtype=dtype) * s
    w = scale / hs ** 0.5
    # A random c (not zeros) so that the forget gate and tanh(c') both matter.
    x, h, c = r(n, d, s=scale), r(n, hs).tanh(), r(n, hs, s=1.5)
    args = (x, h, c, r(4 * hs, d, s=w), r(4 * hs, hs, s=w), r(4 * hs, s=0.5 * scale), r(4 * hs, s=0.5 * scale))
    return Call("lstm_cell", args, grad_wrt=(0, 1, 2, 3, 4, 5, 6))


@st.composite
def shapes(draw):
    return {"n": draw(st.integers(1, 4)), "d": draw(st.integers(1, 6)), "hs": draw(st.integers(1, 6))}


def shape_hint(call: Call, expected: tuple, got: tuple):
    if len(expected) == 2 and len(got) == 2 and got[1] == 4 * expected[1]:
        return say("that is all four gates together: split the (N, 4H) pre-activation into i, f, g, o first")
    return None


CHECKS = [
    Check("the lesson's worked example (H = D = 1)", lesson_example, function="lstm_cell", cases=[{}]),
    Check("a batch, with D ≠ H", build, function="lstm_cell", cases=[dict(n=3, d=4, hs=5), dict(n=2, d=2, hs=3)]),
    Check("random sizes", build, function="lstm_cell", strategy=shapes(), max_examples=20),
    Check("saturated gates (large pre-activations)", build, function="lstm_cell",
          cases=[dict(n=3, d=3, hs=4, scale=25.0)]),
    Check("float32 inputs keep float32", build, function="lstm_cell", cases=[dict(n=3, d=5, hs=4, dtype="float32")]),
    Check("gradients match autograd through nn.LSTMCell", build, function="lstm_cell", grad=True,
          cases=[dict(n=3, d=4, hs=3)]),
]
