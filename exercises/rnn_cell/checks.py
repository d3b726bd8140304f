"""Checks for rnn_cell: the oracle is nn.RNNCell, run with the given weights (torch.func.functional_call
keeps the weights in the autograd graph, so gradients can be compared too)."""
import torch
import torch.nn as nn
from hypothesis import strategies as st
from torch.func import functional_call

from tutor.content.check_phrases import Phrases
from tutor.grading.spec import Call, Check

say = Phrases(__file__)


class ORACLE:
    @staticmethod
    def rnn_cell(x, h, w_ih, w_hh, b_ih, b_hh):
        hidden, inputs = w_ih.shape
        cell = nn.RNNCell(inputs, hidden, nonlinearity="tanh").to(device=x.device, dtype=x.dtype)
        weights = {"weight_ih": w_ih, "weight_hh": w_hh, "bias_ih": b_ih, "bias_hh": b_hh}
        return functional_call(cell, weights, (x, h))


def lesson_example(p: dict, gen: torch.Generator) -> Call:
    t = lambda v: torch.tensor(v, dtype=torch.float64)
    return Call("rnn_cell", (t([[1.0, 2.0]]), t([[1.0, -1.0]]), t([[1.0, 0.0], [0.5, -1.0]]),
                             t([[0.5, -0.5], [1.0, 0.0]]), t([0.0, 0.1]), t([0.1, 0.0])))


def build(p: dict, gen: torch.Generator) -> Call:
    dtype = torch.float32 if p.get("dtype") == "float32" else torch.float64
    n, d, hs = p["n"], p["d"], p["hs"]
    r = lambda *shape, s=1.0: torch.randn(*shape, generator=gen, dtype=dtype) * s
    scale = p.get("scale", 1.0)
    # Weights around 1/√H keep tanh unsaturated, so every term shows in the output.
    w = 1.0 / hs ** 0.5
    x, h = r(n, d, s=scale), r(n, hs).tanh()
    args = (x, h, r(hs, d, s=w * scale), r(hs, hs, s=w * scale), r(hs, s=0.5 * scale), r(hs, s=0.5 * scale))
    return Call("rnn_cell", args, grad_wrt=(0, 1, 2, 3, 4, 5))


@st.composite
def shapes(draw):
    return {"n": draw(st.integers(1, 4)), "d": draw(st.integers(1, 6)), "hs": draw(st.integers(1, 8))}


def shape_hint(call: Call, expected: tuple, got: tuple):
    if len(expected) == 2 and len(got) == 2 and got == (expected[1], expected[0]):
        return say("the batch comes first: h' is (N, H)")
    if len(expected) == 2 and len(got) == 2 and got[1] != expected[1]:
        return say("the second dimension is the hidden size H = w_ih.shape[0]")
    return None


CHECKS = [
    Check("the lesson's worked example (D = H = 2)", lesson_example, function="rnn_cell", cases=[{}]),
    Check("a batch, with D ≠ H", build, function="rnn_cell", cases=[dict(n=3, d=4, hs=5), dict(n=2, d=5, hs=3)]),
    Check("square weights (D = H)", build, function="rnn_cell", cases=[dict(n=2, d=4, hs=4)]),
    Check("random sizes", build, function="rnn_cell", strategy=shapes(), max_examples=20),
    Check("saturated tanh (large pre-activations)", build, function="rnn_cell",
          cases=[dict(n=3, d=3, hs=4, scale=30.0)]),
    Check("float32 inputs keep float32", build, function="rnn_cell", cases=[dict(n=3, d=5, hs=6, dtype="float32")]),
    Check("gradients match autograd through nn.RNNCell", build, function="rnn_cell", grad=True,
          cases=[dict(n=3, d=4, hs=5)]),
]
