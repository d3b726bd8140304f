"""Checks for batch_norm: the oracle is F.batch_norm on copies of the running buffers, which it
updates in place; the oracle returns the output and the updated copies."""
import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from tutor.content.check_phrases import Phrases
from tutor.grading.spec import Call, Check

say = Phrases(__file__)


class ORACLE:
    @staticmethod
    def batch_norm(x, gamma, beta, running_mean, running_var, training, momentum=0.1, eps=1e-5):
        mean, var = running_mean.detach().clone(), running_var.detach().clone()
        out = F.batch_norm(x, mean, var, gamma, beta, training=training, momentum=momentum, eps=eps)
        return out, mean, var


def _dtype(p: dict) -> torch.dtype:
    return torch.float32 if p.get("dtype") == "float32" else torch.float64


def tensors(p: dict, gen: torch.Generator):
    dtype = _dtype(p)
    shape = p["shape"]
    channels = shape[1]
    # Per-channel offsets and scales, so that every channel has its own statistics.
    offset = torch.randn(1, channels, *[1] * (len(shape) - 2), generator=gen, dtype=dtype) * 2
    scale = torch.rand(1, channels, *[1] * (len(shape) - 2), generator=gen, dtype=dtype) * 2 + 0.5
    x = torch.randn(*shape, generator=gen, dtype=dtype) * scale + offset
    gamma = torch.rand(channels, generator=gen, dtype=dtype) + 0.5
    beta = torch.randn(channels, generator=gen, dtype=dtype)
    running_mean = torch.randn(channels, generator=gen, dtype=dtype)
    running_var = torch.rand(channels, generator=gen, dtype=dtype) + 0.5
    return x, gamma, beta, running_mean, running_var


def build(p: dict, gen: torch.Generator) -> Call:
    x, gamma, beta, running_mean, running_var = tensors(p, gen)
    kwargs = {k: p[k] for k in ("momentum", "eps") if k in p}
    return Call("batch_norm", (x, gamma, beta, running_mean, running_var, p["training"]), kwargs)


def build_grad(p: dict, gen: torch.Generator) -> Call:
    x, gamma, beta, running_mean, running_var = tensors(p, gen)
    return Call("output_only", (x, gamma, beta, running_mean, running_var, p["training"], 0.1, 1e-5),
                harness=True, grad_wrt=(0, 1, 2),
                describe={"note": say("gradients of the output with respect to x, gamma and beta")})


def lesson_example(p: dict, gen: torch.Generator) -> Call:
    t = lambda v: torch.tensor(v, dtype=torch.float64)
    return Call("batch_norm", (t([[1.0], [2.0], [3.0], [6.0]]), t([1.0]), t([0.0]), t([0.0]), t([1.0]),
                               p["training"]))


def shape_hint(call: Call, expected: tuple, got: tuple):
    if len(expected) == 1 and len(got) > 1:
        return say("the running estimates are one number per channel, (C,)")
    return None


@st.composite
def cases(draw):
    if draw(st.booleans()):
        shape = [draw(st.integers(2, 8)), draw(st.integers(1, 5))]
    else:
        shape = [draw(st.integers(1, 4)), draw(st.integers(1, 4)), draw(st.integers(1, 5)), draw(st.integers(2, 5))]
    return {"shape": shape, "training": draw(st.booleans()),
            "momentum": draw(st.sampled_from([0.1, 0.01, 0.3, 0.9])), "eps": draw(st.sampled_from([1e-5, 1e-3]))}


CHECKS = [
    Check("the starter's example, training", lesson_example, function="batch_norm", cases=[{"training": True}]),
    Check("the starter's example, evaluation", lesson_example, function="batch_norm", cases=[{"training": False}]),
    Check("training on (N, C) features: batch statistics, running estimates updated", build, function="batch_norm",
          cases=[{"shape": [8, 3], "training": True}, {"shape": [2, 5], "training": True}]),
    Check("training on (N, C, H, W) images: statistics per channel over N, H and W", build, function="batch_norm",
          cases=[{"shape": [4, 3, 5, 6], "training": True}, {"shape": [1, 2, 3, 4], "training": True}]),
    Check("evaluation uses the running estimates and leaves them unchanged", build, function="batch_norm",
          cases=[{"shape": [6, 4], "training": False}, {"shape": [3, 2, 4, 5], "training": False}]),
    Check("another momentum (0.3) and eps (1e-3)", build, function="batch_norm",
          cases=[{"shape": [5, 3], "training": True, "momentum": 0.3, "eps": 1e-3},
                 {"shape": [2, 3, 3, 3], "training": True, "momentum": 0.3, "eps": 1e-3}]),
    Check("random shapes, modes, momenta and eps", build, function="batch_norm", strategy=cases(), max_examples=20),
    Check("float32 inputs keep float32", build, function="batch_norm",
          cases=[{"shape": [4, 3, 4, 4], "training": True, "dtype": "float32"},
                 {"shape": [5, 3], "training": False, "dtype": "float32"}]),
    Check("gradients with respect to x, gamma and beta (training: through the batch statistics)", build_grad,
          function="batch_norm", grad=True,
          cases=[{"shape": [6, 3], "training": True}, {"shape": [2, 3, 3, 4], "training": True}]),
    Check("gradients in evaluation mode", build_grad, function="batch_norm", grad=True,
          cases=[{"shape": [4, 3, 2, 2], "training": False}]),
]
