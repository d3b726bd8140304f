"""Checks for layer_norm: the oracle is F.layer_norm."""
import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from tutor.grading.spec import Call, Check


class ORACLE:
    @staticmethod
    def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
        return F.layer_norm(x, normalized_shape, weight, bias, eps)


def build(p: dict, gen: torch.Generator) -> Call:
    dtype = torch.float32 if p.get("dtype") == "float32" else torch.float64
    lead, norm = list(p["lead"]), list(p["norm"])
    # Every example gets its own offset and scale, so per-example statistics matter.
    offset = torch.randn(*lead, *[1] * len(norm), generator=gen, dtype=dtype) * 3
    scale = torch.rand(*lead, *[1] * len(norm), generator=gen, dtype=dtype) * 2 + 0.5
    x = torch.randn(*lead, *norm, generator=gen, dtype=dtype) * scale + offset
    args, wrt = [x, tuple(norm)], [0]
    kwargs = {}
    if p.get("affine"):
        kwargs["weight"] = torch.rand(*norm, generator=gen, dtype=dtype) + 0.5
        kwargs["bias"] = torch.randn(*norm, generator=gen, dtype=dtype)
        wrt += ["weight", "bias"]
    if "eps" in p:
        kwargs["eps"] = p["eps"]
    return Call("layer_norm", tuple(args), kwargs, grad_wrt=tuple(wrt))


def lesson_example(p: dict, gen: torch.Generator) -> Call:
    x = torch.tensor([[1.0, 2.0, 3.0, 6.0], [0.0, 0.0, 1.0, 1.0]], dtype=torch.float64)
    return Call("layer_norm", (x, (4,)))


@st.composite
def cases(draw):
    lead = draw(st.lists(st.integers(1, 4), min_size=1, max_size=2))
    norm = draw(st.lists(st.integers(2, 6), min_size=1, max_size=2))
    return {"lead": lead, "norm": norm, "affine": draw(st.booleans()), "eps": draw(st.sampled_from([1e-5, 1e-3]))}


CHECKS = [
    Check("the starter's example", lesson_example, function="layer_norm", cases=[{}]),
    Check("(B, D) with normalized_shape (D,), no weight or bias", build, function="layer_norm",
          cases=[{"lead": [4], "norm": [5]}, {"lead": [1], "norm": [3]}]),
    Check("(B, T, D) over the last dimension, with weight and bias", build, function="layer_norm",
          cases=[{"lead": [3, 4], "norm": [6], "affine": True}]),
    Check("a 2-D normalized_shape (T, D): statistics over the last two dims", build, function="layer_norm",
          cases=[{"lead": [3], "norm": [4, 5]}, {"lead": [2, 3], "norm": [3, 4], "affine": True}]),
    Check("another eps (1e-3)", build, function="layer_norm", cases=[{"lead": [5], "norm": [3], "eps": 1e-3}]),
    Check("random shapes, with and without weight and bias", build, function="layer_norm", strategy=cases(),
          max_examples=20),
    Check("float32 inputs keep float32", build, function="layer_norm",
          cases=[{"lead": [4, 3], "norm": [8], "affine": True, "dtype": "float32"}]),
    Check("gradients with respect to x, weight and bias", build, function="layer_norm", grad=True,
          cases=[{"lead": [3], "norm": [5], "affine": True}, {"lead": [2, 2], "norm": [3, 4], "affine": True},
                 {"lead": [3], "norm": [4]}]),
]
