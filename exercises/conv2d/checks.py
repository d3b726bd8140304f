"""Checks for conv2d: the oracle is F.conv2d itself."""
import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from tutor.content.check_phrases import Phrases
from tutor.grading.spec import Call, Check

say = Phrases(__file__)


class ORACLE:
    @staticmethod
    def conv2d(x, weight, bias=None, stride=1, padding=0):
        return F.conv2d(x, weight, bias, stride=stride, padding=padding)


def build(p: dict, gen: torch.Generator) -> Call:
    dtype = torch.float32 if p.get("dtype") == "float32" else torch.float64
    x = torch.randn(p["n"], p["c"], p["h"], p["w"], generator=gen, dtype=dtype)
    # Random (hence asymmetric) kernels: a symmetric kernel would hide a flip.
    weight = torch.randn(p["f"], p["c"], p["kh"], p["kw"], generator=gen, dtype=dtype)
    bias = torch.randn(p["f"], generator=gen, dtype=dtype) if p.get("bias", True) else None
    return Call("conv2d", (x, weight), {"bias": bias, "stride": p.get("stride", 1), "padding": p.get("padding", 0)},
                grad_wrt=(0, 1, "bias") if bias is not None else (0, 1))


@st.composite
def shapes(draw):
    kh, kw = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    padding = draw(st.integers(0, 2))
    h = draw(st.integers(max(1, kh - 2 * padding), 9))
    w = draw(st.integers(max(1, kw - 2 * padding), 9))
    return {"n": draw(st.integers(1, 3)), "c": draw(st.integers(1, 3)), "f": draw(st.integers(1, 4)),
            "h": h, "w": w, "kh": kh, "kw": kw, "stride": draw(st.integers(1, 3)), "padding": padding,
            "bias": draw(st.booleans())}


def shape_hint(call: Call, expected: tuple, got: tuple):
    if len(expected) != 4 or len(got) != 4:
        return None
    padding, stride = call.kwargs.get("padding", 0), call.kwargs.get("stride", 1)
    if got[2] - expected[2] == 2 * padding and padding and stride == 1:
        return say("is the padding applied twice?")
    if got[2] > expected[2] and stride > 1:
        return say("is the stride ignored? H_out = (H + 2·padding − KH) // stride + 1")
    if got[1] != expected[1]:
        return say("the second dimension is the number of filters F = weight.shape[0]")
    return None


CHECKS = [
    Check("tiny example (1×1×3×3, 2×2 kernel)", build, function="conv2d",
          cases=[dict(n=1, c=1, f=1, h=3, w=3, kh=2, kw=2, bias=False)]),
    Check("asymmetric kernel with bias", build, function="conv2d",
          cases=[dict(n=2, c=3, f=2, h=5, w=6, kh=3, kw=2)]),
    Check("padding", build, function="conv2d", cases=[dict(n=1, c=2, f=3, h=4, w=5, kh=3, kw=3, padding=1),
                                                      dict(n=2, c=1, f=2, h=3, w=3, kh=2, kw=3, padding=2)]),
    Check("stride that does not divide evenly", build, function="conv2d",
          cases=[dict(n=1, c=2, f=2, h=7, w=8, kh=3, kw=2, stride=2), dict(n=2, c=1, f=1, h=9, w=6, kh=2, kw=3, stride=3, padding=1)]),
    Check("random shapes, strides and paddings", build, function="conv2d", strategy=shapes(), max_examples=25),
    Check("float32 inputs keep float32", build, function="conv2d",
          cases=[dict(n=2, c=3, f=4, h=8, w=8, kh=3, kw=3, padding=1, dtype="float32")]),
    Check("gradients match autograd through F.conv2d", build, function="conv2d", grad=True,
          cases=[dict(n=2, c=2, f=3, h=5, w=6, kh=3, kw=2, stride=2, padding=1)]),
]
