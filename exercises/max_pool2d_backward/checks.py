"""Checks for max_pool2d_backward: the oracle is autograd through F.max_pool2d on the CPU (where a
tie goes to the first maximum in row-major order, as the contract says), run here in the grading
process. Cases: overlapping windows (stride < kernel) where one element can win several windows,
strides that leave rows uncovered, all-negative inputs, and exact ties (after a ReLU, or small
integers)."""
import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from tutor.content.check_phrases import Phrases
from tutor.grading.spec import Call, Check

say = Phrases(__file__)


class ORACLE:
    @staticmethod
    def max_pool2d_backward(dout, x, kernel_size, stride=None):
        leaf = x.detach().cpu().requires_grad_(True)
        out = F.max_pool2d(leaf, kernel_size, stride)
        (dx,) = torch.autograd.grad(out, leaf, grad_outputs=dout.cpu())
        return dx.to(x.device)


def output_side(size: int, kernel: int, stride: int) -> int:
    return (size - kernel) // stride + 1


def build(p: dict, gen: torch.Generator) -> Call:
    dtype = torch.float32 if p.get("dtype") == "float32" else torch.float64
    kernel, stride = p["k"], p.get("stride")
    step = stride or kernel
    if "x" in p:
        x = torch.tensor(p["x"], dtype=dtype)
    else:
        shape = (p["n"], p["c"], p["h"], p["w"])
        values = p.get("values", "normal")
        if values == "relu":        # about half the entries are exactly 0: windows full of ties
            x = torch.randn(shape, generator=gen, dtype=dtype).clamp_min(0)
        elif values == "integers":  # small integers: ties between non-zero values too
            x = torch.randint(0, 3, shape, generator=gen).to(dtype)
        elif values == "negative":  # every value below −1: a maximum that starts at 0 never moves
            x = -1 - torch.rand(shape, generator=gen, dtype=dtype)
        else:
            x = torch.randn(shape, generator=gen, dtype=dtype)
    h_out, w_out = output_side(x.shape[2], kernel, step), output_side(x.shape[3], kernel, step)
    dout = (torch.tensor(p["dout"], dtype=dtype) if "dout" in p
            else torch.randn(x.shape[0], x.shape[1], h_out, w_out, generator=gen, dtype=dtype))
    return Call("max_pool2d_backward", (dout, x, kernel), {"stride": stride},
                describe={"values": p.get("values", "normal" if "x" not in p else "given")})


@st.composite
def cases(draw):
    k = draw(st.integers(1, 3))
    stride = draw(st.sampled_from([None, 1, 2, 3]))
    return {"n": draw(st.integers(1, 2)), "c": draw(st.integers(1, 2)), "h": draw(st.integers(k, 7)),
            "w": draw(st.integers(k, 7)), "k": k, "stride": stride,
            # Ties are left to the fixed cases: a shrunk random case of one all-zero window could not tell
            # "every tie gets the gradient" from "the whole window gets it".
            "values": draw(st.sampled_from(["normal", "normal", "negative"]))}


def shape_hint(call: Call, expected: tuple, got: tuple):
    if len(expected) == 4 and tuple(got) == tuple(call.args[0].shape) != tuple(expected):
        return say("this is dout's shape: dx has the shape of the input x (every input element gets a gradient, "
                   "most of them 0)")
    return None


CHECKS = [
    Check("tiny example (4×4 input, 2×2 windows, stride left out)", build, function="max_pool2d_backward",
          cases=[{"x": [[[[1.0, 2.0, 5.0, 6.0], [3.0, 4.0, 7.0, 8.0], [9.0, 1.0, 2.0, 0.0], [3.0, 2.0, 1.0, 4.0]]]],
                  "dout": [[[[10.0, 20.0], [30.0, 40.0]]]], "k": 2}]),
    Check("non-overlapping windows, several images and channels", build, function="max_pool2d_backward",
          cases=[dict(n=2, c=3, h=4, w=6, k=2), dict(n=2, c=2, h=6, w=6, k=3, stride=3)]),
    Check("overlapping windows (stride < kernel): one input can win several windows", build,
          function="max_pool2d_backward",
          cases=[dict(n=2, c=2, h=5, w=6, k=3, stride=1), dict(n=1, c=3, h=7, w=5, k=3, stride=2),
                 dict(n=2, c=1, h=4, w=4, k=2, stride=1)]),
    Check("strides that do not divide evenly, all-negative inputs", build, function="max_pool2d_backward",
          cases=[dict(n=1, c=2, h=7, w=8, k=2, stride=3), dict(n=2, c=2, h=5, w=5, k=2, values="negative")]),
    Check("exact ties (after a ReLU, small integers): the first maximum in row-major order wins", build,
          function="max_pool2d_backward",
          cases=[{"x": [[[[0.0, 0.0, 1.0], [0.0, 0.0, 1.0], [2.0, 2.0, 0.0]]]], "dout": [[[[1.0, 2.0], [3.0, 4.0]]]],
                  "k": 2, "stride": 1},
                 dict(n=2, c=2, h=6, w=6, k=2, values="relu"), dict(n=2, c=2, h=6, w=5, k=3, stride=1, values="integers"),
                 dict(n=1, c=3, h=7, w=7, k=3, stride=2, values="relu"), dict(n=2, c=1, h=5, w=6, k=2, stride=1, values="integers")]),
    Check("random shapes, kernels and strides", build, function="max_pool2d_backward", strategy=cases(),
          max_examples=25),
    Check("float32 inputs keep float32", build, function="max_pool2d_backward",
          cases=[dict(n=2, c=2, h=6, w=6, k=3, stride=2, dtype="float32")]),
]
