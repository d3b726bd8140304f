"""Checks for lstm_backward: the oracle is autograd through nn.LSTMCell holding the given weights,
run here in the grading process. Both upstream gradients are random: dh_next reaches the cell
through h' = o·tanh(c'), dc_next through c' directly."""
import torch
import torch.nn as nn
from hypothesis import strategies as st

from tutor.content.check_phrases import Phrases
from tutor.grading.compare import named_outputs
from tutor.grading.spec import Call, Check

say = Phrases(__file__)


class ORACLE:
    @staticmethod
    def lstm_cell_backward(dh_next, dc_next, x, h, c, w_ih, w_hh, b_ih, b_hh):
        dtype = x.dtype          # computed in float64, then cast back: the oracle's own rounding stays out
        dh_next, dc_next, x, h, c, w_ih, w_hh, b_ih, b_hh = (
            t.double() for t in (dh_next, dc_next, x, h, c, w_ih, w_hh, b_ih, b_hh))
        cell = nn.LSTMCell(x.shape[1], h.shape[1], dtype=x.dtype, device=x.device)
        cell.weight_ih, cell.weight_hh = nn.Parameter(w_ih.detach().clone()), nn.Parameter(w_hh.detach().clone())
        cell.bias_ih, cell.bias_hh = nn.Parameter(b_ih.detach().clone()), nn.Parameter(b_hh.detach().clone())
        x, h, c = (t.detach().requires_grad_(True) for t in (x, h, c))
        h_next, c_next = cell(x, (h, c))
        grads = torch.autograd.grad((h_next, c_next),
                                    (x, h, c, cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh),
                                    grad_outputs=(dh_next, dc_next))
        return tuple(g.to(dtype) for g in grads)


NAMES = ("dx", "dh", "dc", "dw_ih", "dw_hh", "db_ih", "db_hh")


def build(p: dict, gen: torch.Generator) -> Call:
    dtype = torch.float32 if p.get("dtype") == "float32" else torch.float64
    n, d, hidden = p["n"], p["d"], p["h"]
    scale = p.get("scale", 0.5)

    def randn(*shape, s=1.0):
        return s * torch.randn(*shape, generator=gen, dtype=dtype)

    x, h, c = randn(n, d), randn(n, hidden), randn(n, hidden, s=p.get("c_scale", 1.0))
    w_ih, w_hh = randn(4 * hidden, d, s=scale), randn(4 * hidden, hidden, s=scale)
    b_ih, b_hh = randn(4 * hidden, s=scale), randn(4 * hidden, s=scale)
    dh_next = randn(n, hidden)
    dc_next = torch.zeros(n, hidden, dtype=dtype) if p.get("dc_zero") else randn(n, hidden)
    return Call("lstm_cell_backward", (dh_next, dc_next, x, h, c, w_ih, w_hh, b_ih, b_hh),
                describe={"returns": "(" + ", ".join(NAMES) + ")"})


@st.composite
def sizes(draw):
    return {"n": draw(st.integers(1, 4)), "d": draw(st.integers(1, 4)), "h": draw(st.integers(1, 4)),
            "scale": draw(st.sampled_from([0.3, 1.0, 2.0])), "c_scale": draw(st.sampled_from([0.5, 2.0]))}


def output_hint(name: str, expected: tuple, got: tuple):
    if len(expected) == 2 and tuple(got) == tuple(expected)[::-1] and name.startswith("dw"):
        return say("transposed — {name} has the weight's shape {shape}, PyTorch's (4H, …) layout", name=name,
                   shape=tuple(expected))
    if len(expected) >= 1 and len(got) == len(expected) and got[0] * 4 == expected[0]:
        return say("{name} has 4H rows: the four gates' blocks stacked as i, f, g, o", name=name)
    return None


OUTPUTS = named_outputs(NAMES, hint=output_hint)


def case_check(name: str, **kwargs) -> Check:
    return Check(name, build, compare_output=OUTPUTS, function="lstm_cell_backward", **kwargs)


CHECKS = [
    case_check("one example, one input, one hidden unit",
               cases=[dict(n=1, d=1, h=1)]),
    case_check("a batch of 3, D = 4 inputs, H = 2 hidden units",
               cases=[dict(n=3, d=4, h=2), dict(n=2, d=2, h=3)]),
    case_check("dc_next = 0: all the gradient enters through h'",
               cases=[dict(n=2, d=3, h=2, dc_zero=True)]),
    case_check("large cell state (tanh(c') saturates) and large weights",
               cases=[dict(n=2, d=2, h=3, scale=2.0, c_scale=3.0)]),
    case_check("random sizes and scales", strategy=sizes(), max_examples=20),
    case_check("float32 inputs keep float32",
               cases=[dict(n=4, d=3, h=5, dtype="float32")]),
]
