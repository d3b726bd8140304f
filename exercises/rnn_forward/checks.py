"""Checks for rnn_forward: the oracle is a one-layer nn.RNN run with the given weights
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
    def rnn_forward(xs, h0, w_ih, w_hh, b_ih, b_hh):
        hidden, inputs = w_ih.shape
        rnn = nn.RNN(inputs, hidden, nonlinearity="tanh").to(device=xs.device, dtype=xs.dtype)
        weights = {"weight_ih_l0": w_ih, "weight_hh_l0": w_hh, "bias_ih_l0": b_ih, "bias_hh_l0": b_hh}
        outputs, h_n = functional_call(rnn, weights, (xs, h0.unsqueeze(0)))
        return outputs, h_n[0]


def build(p: dict, gen: torch.Generator) -> Call:
    dtype = torch.float32 if p.get("dtype") == "float32" else torch.float64
    t, n, d, hs = p["t"], p["n"], p["d"], p["hs"]
    r = lambda *shape, s=1.0: torch.randn(*shape, generator=gen, dtype=dtype) * s
    w = 1.0 / hs ** 0.5
    # A non-zero h0: with h0 = 0 a loop that forgets to carry the state looks right at step 1 only,
    # and one that stores h0 as an output would show zeros.
    xs, h0 = r(t, n, d), r(n, hs).tanh()
    args = (xs, h0, r(hs, d, s=w), r(hs, hs, s=1.5 * w), r(hs, s=0.5), r(hs, s=0.5))
    return Call("rnn_forward", args, grad_wrt=(0, 1, 2, 3, 4, 5))


@st.composite
def shapes(draw):
    return {"t": draw(st.integers(1, 6)), "n": draw(st.integers(1, 3)), "d": draw(st.integers(1, 5)),
            "hs": draw(st.integers(1, 6))}


def shape_hint(call: Call, expected: tuple, got: tuple):
    if len(expected) == 3 and len(got) == 3 and got[0] == expected[0] + 1:
        return say("one output per input step: T of them, h0 is not an output")
    if len(expected) == 3 and len(got) == 2:
        return say("outputs stacks every step's state: (T, N, H) — torch.stack(states, dim=0)")
    if len(expected) == 3 and len(got) == 3 and got == (expected[1], expected[0], expected[2]):
        return say("time comes first: (T, N, H), as xs is (T, N, D)")
    return None


CHECKS = [
    Check("one step (T = 1) is one RNN cell", build, function="rnn_forward", cases=[dict(t=1, n=2, d=3, hs=4)]),
    Check("a short sequence (T = 4, N = 2)", build, function="rnn_forward", cases=[dict(t=4, n=2, d=3, hs=5)]),
    Check("random lengths and sizes", build, function="rnn_forward", strategy=shapes(), max_examples=20),
    Check("float32 inputs keep float32", build, function="rnn_forward",
          cases=[dict(t=5, n=3, d=4, hs=6, dtype="float32")]),
    Check("gradients through time match autograd through nn.RNN", build, function="rnn_forward", grad=True,
          cases=[dict(t=5, n=2, d=3, hs=4)]),
]
