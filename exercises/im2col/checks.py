"""Checks for im2col: the oracles are F.unfold and F.conv2d themselves."""
import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from tutor.content.check_phrases import Phrases
from tutor.grading.spec import Call, Check

say = Phrases(__file__)


class ORACLE:
    @staticmethod
    def im2col(x, kernel_size, stride=1, padding=0):
        return F.unfold(x, kernel_size, stride=stride, padding=padding)

    @staticmethod
    def conv2d_im2col(x, weight, bias=None, stride=1, padding=0):
        return F.conv2d(x, weight, bias, stride=stride, padding=padding)


DTYPES = {"float32": torch.float32, "float64": torch.float64}


def image(p: dict, gen: torch.Generator) -> torch.Tensor:
    dtype = DTYPES[p.get("dtype", "float64")]
    if "values" in p:
        return torch.tensor(p["values"], dtype=dtype)[None, None]
    return torch.randn(p["n"], p["c"], p["h"], p["w"], generator=gen, dtype=dtype)


def build_im2col(p: dict, gen: torch.Generator) -> Call:
    x = image(p, gen)
    kernel = p["kh"] if p.get("int_kernel") else (p["kh"], p["kw"])
    return Call("im2col", (x, kernel), {"stride": p.get("stride", 1), "padding": p.get("padding", 0)},
                grad_wrt=(0,))


def build_conv(p: dict, gen: torch.Generator) -> Call:
    x = image(p, gen)
    # Random (hence asymmetric) kernels, so that no ordering mistake can hide.
    weight = torch.randn(p["f"], x.shape[1], p["kh"], p["kw"], generator=gen, dtype=x.dtype)
    bias = torch.randn(p["f"], generator=gen, dtype=x.dtype) if p.get("bias", True) else None
    return Call("conv2d_im2col", (x, weight), {"bias": bias, "stride": p.get("stride", 1),
                                               "padding": p.get("padding", 0)},
                grad_wrt=(0, 1, "bias") if bias is not None else (0, 1))


@st.composite
def windows(draw, conv: bool = False):
    kh, kw = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    padding = draw(st.integers(0, 2))
    params = {"n": draw(st.integers(1, 2)), "c": draw(st.integers(1, 3)),
              "h": draw(st.integers(max(1, kh - 2 * padding), 8)), "w": draw(st.integers(max(1, kw - 2 * padding), 8)),
              "kh": kh, "kw": kw, "stride": draw(st.integers(1, 3)), "padding": padding}
    if conv:
        params.update(f=draw(st.integers(1, 3)), bias=draw(st.booleans()))
    return params


def shape_hint(call: Call, expected: tuple, got: tuple):
    if call.fn == "im2col" and len(expected) == 3 and len(got) == 3 and got[1] == expected[2] and got[2] == expected[1]:
        return say("rows are the C·KH·KW entries of a window, columns are the L windows: (N, C·KH·KW, L)")
    if call.fn == "im2col" and len(got) != 3:
        return say("im2col returns (N, C·KH·KW, L) with L = H_out·W_out: flatten the window grid")
    if len(expected) >= 3 and len(got) == len(expected) and got[-1] != expected[-1]:
        return say("H_out = (H + 2·padding − KH) // stride + 1 (W_out alike) — is the padding or the stride off?")
    return None


TINY = {"values": [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]], "kh": 2, "int_kernel": True}

CHECKS = [
    Check("im2col: tiny example (1×1×3×3, 2×2 kernel)", build_im2col, function="im2col", cases=[TINY]),
    Check("im2col: several channels and a non-square kernel", build_im2col, function="im2col",
          cases=[{"n": 2, "c": 3, "h": 4, "w": 5, "kh": 2, "kw": 3}]),
    Check("im2col: padding and a stride that does not divide evenly", build_im2col, function="im2col",
          cases=[{"n": 1, "c": 2, "h": 7, "w": 6, "kh": 3, "kw": 2, "stride": 2, "padding": 1},
                 {"n": 1, "c": 2, "h": 5, "w": 5, "kh": 3, "kw": 3, "stride": 3, "padding": 2}]),
    Check("im2col: random shapes, strides and paddings", build_im2col, function="im2col", strategy=windows(),
          max_examples=20),
    Check("im2col: float32 inputs keep float32", build_im2col, function="im2col",
          cases=[{"n": 2, "c": 3, "h": 6, "w": 6, "kh": 3, "kw": 3, "padding": 1, "dtype": "float32"}]),
    Check("im2col: gradients match autograd through F.unfold", build_im2col, function="im2col", grad=True,
          cases=[{"n": 1, "c": 2, "h": 5, "w": 4, "kh": 2, "kw": 3, "stride": 2, "padding": 1}]),
    Check("conv2d_im2col: matches F.conv2d (asymmetric kernel, bias)", build_conv, function="conv2d_im2col",
          cases=[{"n": 2, "c": 3, "h": 5, "w": 6, "f": 2, "kh": 3, "kw": 2}]),
    Check("conv2d_im2col: no bias, stride and padding", build_conv, function="conv2d_im2col",
          cases=[{"n": 1, "c": 2, "h": 7, "w": 8, "f": 3, "kh": 3, "kw": 3, "stride": 2, "padding": 1,
                  "bias": False}]),
    Check("conv2d_im2col: random shapes, strides and paddings", build_conv, function="conv2d_im2col",
          strategy=windows(conv=True), max_examples=20),
    Check("conv2d_im2col: float32 inputs keep float32", build_conv, function="conv2d_im2col",
          cases=[{"n": 2, "c": 3, "h": 8, "w": 8, "f": 4, "kh": 3, "kw": 3, "padding": 1, "dtype": "float32"}]),
    Check("conv2d_im2col: gradients match autograd through F.conv2d", build_conv, function="conv2d_im2col",
          grad=True, cases=[{"n": 2, "c": 2, "h": 5, "w": 6, "f": 3, "kh": 3, "kw": 2, "stride": 2, "padding": 1}]),
]
