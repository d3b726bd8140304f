"""Checks for batch_norm_backward: the oracle is autograd through training-mode F.batch_norm (batch
statistics, biased variance), run here in the grading process. Cases: a tiny batch of 2, a large
eps, inputs far from zero mean and unit variance, a constant feature (variance 0, so only eps
keeps 1/σ finite), and random shapes."""
import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from tutor.content.check_phrases import Phrases
from tutor.grading.compare import named_outputs, same
from tutor.grading.spec import Call, Check

say = Phrases(__file__)


class ORACLE:
    @staticmethod
    def batch_norm_backward(dout, x, gamma, eps=1e-5):
        dtype = x.dtype          # computed in float64, then cast back: the oracle's own rounding stays out
        x = x.detach().double().requires_grad_(True)
        gamma = gamma.detach().double().requires_grad_(True)
        beta = torch.zeros_like(gamma, requires_grad=True)
        out = F.batch_norm(x, None, None, gamma, beta, training=True, eps=eps)
        return tuple(g.to(dtype) for g in torch.autograd.grad(out, (x, gamma, beta), grad_outputs=dout.double()))


def build(p: dict, gen: torch.Generator) -> Call:
    dtype = torch.float32 if p.get("dtype") == "float32" else torch.float64
    if "x" in p:
        x, gamma, dout = (torch.tensor(p[k], dtype=dtype) for k in ("x", "gamma", "dout"))
    else:
        n, d = p["n"], p["d"]
        x = p.get("scale", 1.0) * torch.randn(n, d, generator=gen, dtype=dtype) + p.get("shift", 0.0)
        if p.get("constant_feature"):
            x[:, 0] = 3.0
        gamma = torch.randn(d, generator=gen, dtype=dtype)
        dout = torch.randn(n, d, generator=gen, dtype=dtype)
    kwargs = {"eps": p["eps"]} if "eps" in p else {}
    return Call("batch_norm_backward", (dout, x, gamma), kwargs, describe={"returns": "(dx, dgamma, dbeta)"})


@st.composite
def cases(draw):
    return {"n": draw(st.integers(2, 8)), "d": draw(st.integers(1, 5)),
            "scale": draw(st.sampled_from([0.1, 1.0, 5.0])), "shift": draw(st.sampled_from([0.0, -2.0, 10.0])),
            "eps": draw(st.sampled_from([1e-5, 1e-3, 0.1]))}


def _without_mean_path(dout, x, gamma, eps, keep_variance_path: bool, keep_mean_path: bool):
    n = x.shape[0]
    mu = x.mean(0)
    var = ((x - mu) ** 2).mean(0)
    inv_std = (var + eps).rsqrt()
    x_hat = (x - mu) * inv_std
    dx_hat = dout * gamma
    dx = dx_hat * inv_std
    if keep_variance_path:
        dx = dx - x_hat * inv_std * (dx_hat * x_hat).sum(0) / n
    if keep_mean_path:
        dx = dx - inv_std * dx_hat.sum(0) / n
    return dx


def diagnose(call: Call, got, expected):
    """One of the two paths through the statistics left out (the variant leaves out both)."""
    try:
        dout, x, gamma = call.args
        eps = call.kwargs.get("eps", 1e-5)
        for keep_variance, keep_mean in ((True, False), (False, True)):
            partial = _without_mean_path(dout, x, gamma, eps, keep_variance, keep_mean)
            if same(got[0], partial) and not same(partial, expected[0]):
                return "missing_mean_terms"
    except (TypeError, ValueError, IndexError, RuntimeError):
        pass
    return None


def output_hint(name: str, expected: tuple, got: tuple):
    if name in ("dgamma", "dbeta") and len(got) == 2:
        return say("{name} has one entry per feature (D,): sum over the batch dimension", name=name)
    if name in ("dgamma", "dbeta") and len(got) == 0:
        return say("{name} has one entry per feature (D,): sum over the batch only, not over everything", name=name)
    return None


OUTPUTS = named_outputs(("dx", "dgamma", "dbeta"), hint=output_hint)


def case_check(name: str, **kwargs) -> Check:
    return Check(name, build, compare_output=OUTPUTS, function="batch_norm_backward", **kwargs)


CHECKS = [
    case_check("tiny example: a batch of 2, one feature",
               cases=[{"x": [[1.0], [3.0]], "gamma": [2.0], "dout": [[1.0], [0.0]]}]),
    case_check("a batch of 4 with 3 features",
               cases=[dict(n=4, d=3), dict(n=6, d=2, scale=3.0, shift=5.0)]),
    case_check("a large eps (it is inside the square root)",
               cases=[dict(n=5, d=3, eps=0.5, scale=0.5)]),
    case_check("a constant feature (variance 0: only eps keeps 1/σ finite)",
               cases=[dict(n=4, d=3, constant_feature=True)]),
    case_check("random batch sizes, scales, shifts and eps", strategy=cases(),
               max_examples=20),
    case_check("float32 inputs keep float32",
               cases=[dict(n=8, d=4, dtype="float32")]),
]
