"""Checks for max_pool2d: the oracle is F.max_pool2d itself."""
import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from tutor.content.check_phrases import Phrases
from tutor.grading.spec import Call, Check

say = Phrases(__file__)

DEFAULT = object()


class ORACLE:
    @staticmethod
    def max_pool2d(x, kernel_size, stride=None, padding=0):
        return F.max_pool2d(x, kernel_size, stride=stride, padding=padding)


def build(p: dict, gen: torch.Generator) -> Call:
    dtype = torch.float32 if p.get("dtype") == "float32" else torch.float64
    x = torch.randn(p["n"], p["c"], p["h"], p["w"], generator=gen, dtype=dtype)
    if p.get("negative"):
        # All-negative inputs: a zero pad would win the max wherever a window meets the border.
        x = -(x.abs() + 0.1)
    kwargs = {}
    if p.get("stride", "omitted") != "omitted":   # "omitted": rely on the default (stride = kernel_size)
        kwargs["stride"] = p["stride"]
    if p.get("padding"):
        kwargs["padding"] = p["padding"]
    return Call("max_pool2d", (x, p["k"]), kwargs, grad_wrt=(0,))


@st.composite
def shapes(draw):
    k = draw(st.integers(1, 4))
    padding = draw(st.integers(0, k // 2))
    h = draw(st.integers(max(1, k - 2 * padding), 9))
    w = draw(st.integers(max(1, k - 2 * padding), 9))
    return {"n": draw(st.integers(1, 2)), "c": draw(st.integers(1, 3)), "h": h, "w": w, "k": k,
            "stride": draw(st.sampled_from(["omitted", None, 1, 2, 3])), "padding": padding,
            "negative": draw(st.booleans())}


def _out(size: int, k: int, stride: int, padding: int) -> int:
    return (size + 2 * padding - k) // stride + 1


def shape_hint(call: Call, expected: tuple, got: tuple):
    if len(expected) != 4 or len(got) != 4:
        return None
    x, k = call.args[0], call.args[1]
    stride, padding = call.kwargs.get("stride"), call.kwargs.get("padding", 0)
    h = x.shape[2]
    if stride is None and got[2] == _out(h, k, 1, padding) and got[2] != expected[2]:
        return say("stride was not given, and then it equals kernel_size, not 1")
    if padding and got[2] == _out(h, k, stride or k, 0):
        return say("is the padding ignored? H_out = (H + 2·padding − kernel_size) // stride + 1")
    if got[:2] != expected[:2]:
        return say("pooling keeps the batch and channel dimensions (N, C) as they are")
    return None


CHECKS = [
    Check("tiny example (1×1×4×4, kernel 2, stride left out)", build, function="max_pool2d",
          cases=[dict(n=1, c=1, h=4, w=4, k=2)]),
    Check("several channels, non-square input", build, function="max_pool2d",
          cases=[dict(n=2, c=3, h=6, w=8, k=2, stride=2), dict(n=1, c=2, h=5, w=7, k=3, stride=1)]),
    Check("stride=None means stride = kernel_size", build, function="max_pool2d",
          cases=[dict(n=1, c=2, h=9, w=7, k=3, stride=None)]),
    Check("stride that does not divide evenly", build, function="max_pool2d",
          cases=[dict(n=1, c=2, h=7, w=8, k=3, stride=2), dict(n=2, c=1, h=9, w=6, k=2, stride=3)]),
    Check("padding next to negative inputs (pads are −∞, not 0)", build, function="max_pool2d",
          cases=[dict(n=1, c=2, h=5, w=6, k=3, stride=2, padding=1, negative=True),
                 dict(n=2, c=1, h=4, w=4, k=2, stride=1, padding=1, negative=True)]),
    Check("random shapes, strides and paddings", build, function="max_pool2d", strategy=shapes(), max_examples=25),
    Check("float32 inputs keep float32", build, function="max_pool2d",
          cases=[dict(n=2, c=3, h=8, w=8, k=2, stride=2, dtype="float32")]),
    Check("gradients match autograd through F.max_pool2d", build, function="max_pool2d", grad=True,
          cases=[dict(n=2, c=2, h=6, w=7, k=3, stride=2, padding=1)]),
]
