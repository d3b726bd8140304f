"""Checks for conv2d_backward: the oracle is autograd through F.conv2d, run here in the grading
process (the learner may not use autograd; the oracle may). Cases: random asymmetric kernels,
several channels and filters, padding, and strides that leave the last rows and columns of the
input outside every window (their gradient is exactly 0)."""
import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from tutor.content.check_phrases import Phrases
from tutor.grading.compare import named_outputs, same
from tutor.grading.spec import Call, Check

say = Phrases(__file__)


class ORACLE:
    @staticmethod
    def conv2d_backward(dout, x, weight, stride=1, padding=0):
        # In float64 whatever the inputs (a float32 convolution on a GPU may use TF32), then cast back.
        dtype = x.dtype
        x = x.detach().double().requires_grad_(True)
        weight = weight.detach().double().requires_grad_(True)
        bias = torch.zeros(weight.shape[0], dtype=x.dtype, device=x.device, requires_grad=True)
        out = F.conv2d(x, weight, bias, stride=stride, padding=padding)
        grads = torch.autograd.grad(out, (x, weight, bias), grad_outputs=dout.double())
        return tuple(g.to(dtype) for g in grads)


def output_side(size: int, kernel: int, stride: int, padding: int) -> int:
    return (size + 2 * padding - kernel) // stride + 1


def build(p: dict, gen: torch.Generator) -> Call:
    dtype = torch.float32 if p.get("dtype") == "float32" else torch.float64
    stride, padding = p.get("stride", 1), p.get("padding", 0)
    if "x" in p:
        x, weight, dout = (torch.tensor(p[k], dtype=dtype) for k in ("x", "weight", "dout"))
    else:
        x = torch.randn(p["n"], p["c"], p["h"], p["w"], generator=gen, dtype=dtype)
        # Random (hence asymmetric) kernels: a symmetric kernel would hide a flip.
        weight = torch.randn(p["f"], p["c"], p["kh"], p["kw"], generator=gen, dtype=dtype)
        h_out = output_side(p["h"], p["kh"], stride, padding)
        w_out = output_side(p["w"], p["kw"], stride, padding)
        dout = torch.randn(p["n"], p["f"], h_out, w_out, generator=gen, dtype=dtype)
    return Call("conv2d_backward", (dout, x, weight), {"stride": stride, "padding": padding},
                describe={"returns": "(dx, dw, db)"})


@st.composite
def shapes(draw):
    kh, kw = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    padding = draw(st.integers(0, 2))
    h = draw(st.integers(max(1, kh - 2 * padding), 7))
    w = draw(st.integers(max(1, kw - 2 * padding), 7))
    return {"n": draw(st.integers(1, 2)), "c": draw(st.integers(1, 2)), "f": draw(st.integers(1, 3)),
            "h": h, "w": w, "kh": kh, "kw": kw, "stride": draw(st.integers(1, 3)), "padding": padding}


def output_hint(name: str, expected: tuple, got: tuple):
    if name == "dx" and len(expected) == 4 and len(got) == 4 and got[:2] == expected[:2]:
        grow_h, grow_w = got[2] - expected[2], got[3] - expected[3]
        if grow_h == grow_w > 0 and grow_h % 2 == 0:
            return say("this is the padded input's shape: the forward pass padded x by {padding} on every side, "
                       "so cut that border off dx (the padding zeros are not inputs of the layer)", padding=grow_h // 2)
    if name == "db" and len(got) != 1:
        return say("db has one entry per filter (F,): sum dout over the batch and both spatial dimensions")
    if name == "dw" and len(got) == 4 and tuple(got) == (expected[1], expected[0], expected[2], expected[3]):
        return say("filters and channels are swapped: dw has the weight's shape (F, C, KH, KW)")
    return None


def diagnose(call: Call, got, expected):
    """dw averaged over the batch instead of summed: the same mistake as dropping the sum."""
    try:
        n = call.args[1].shape[0]
        dx, dw, db = got
        if n > 1 and same(dw, expected[1] / n) and not same(dw, expected[1]):
            return "dw_not_summed_over_batch"
    except (TypeError, ValueError, AttributeError, IndexError):
        pass
    return None


OUTPUTS = named_outputs(("dx", "dw", "db"), hint=output_hint)


def case_check(name: str, **kwargs) -> Check:
    return Check(name, build, compare_output=OUTPUTS, function="conv2d_backward", **kwargs)


CHECKS = [
    case_check("tiny example (1×1×3×3 input, 2×2 kernel, dout all ones)",
               cases=[{"x": [[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]]], "weight": [[[[1.0, 2.0], [3.0, 4.0]]]],
                       "dout": [[[[1.0, 1.0], [1.0, 1.0]]]]}]),
    case_check("a batch of 2, 2 channels, 3 filters, asymmetric 3×2 kernel",
               cases=[dict(n=2, c=2, f=3, h=5, w=6, kh=3, kw=2), dict(n=3, c=1, f=2, h=4, w=4, kh=2, kw=2)]),
    case_check("padding (dx has the unpadded input's shape)",
               cases=[dict(n=2, c=2, f=2, h=4, w=5, kh=3, kw=3, padding=1),
                      dict(n=1, c=1, f=2, h=3, w=3, kh=2, kw=3, padding=2)]),
    case_check("strides that do not divide evenly (uncovered rows get 0)",
               cases=[dict(n=2, c=2, f=2, h=8, w=7, kh=3, kw=2, stride=2),
                      dict(n=2, c=1, f=3, h=7, w=6, kh=2, kw=3, stride=3, padding=1)]),
    case_check("random shapes, strides and paddings", strategy=shapes(), max_examples=25),
    case_check("float32 inputs keep float32",
               cases=[dict(n=2, c=2, f=3, h=6, w=6, kh=3, kw=3, padding=1, stride=2, dtype="float32")]),
]
