"""Checks for grad_check. numerical_gradient is compared with the exact gradient that autograd
computes here, in the grading process (the learner may not use autograd; the oracle may). Central
differences in float64 with h = 1e-5 agree with it to ~1e-9; a forward difference is off by
~h·f''/2 ≈ 1e-5, and a probe left in x shifts the other elements' derivatives by ~h — both far
outside the tolerance (rtol 1e-6, atol 1e-7)."""
import torch
from hypothesis import strategies as st

from tutor.content.check_phrases import Phrases
from tutor.grading.compare import compare
from tutor.grading.spec import Call, Check

say = Phrases(__file__)


class ORACLE:
    @staticmethod
    def numerical_gradient(f, x, h=1e-5):
        leaf = x.detach().clone().requires_grad_(True)
        (grad,) = torch.autograd.grad(f(leaf), leaf)
        return grad

    @staticmethod
    def relative_error(a, b):
        return float(((a - b).abs() / (a.abs() + b.abs()).clamp_min(1e-8)).max())


DTYPES = {"float32": torch.float32, "float64": torch.float64}


def build_gradient(p: dict, gen: torch.Generator) -> Call:
    dtype = DTYPES[p.get("dtype", "float64")]
    shape = tuple(p["shape"])
    n = 1
    for s in shape:
        n *= s
    a, b, c = (torch.randn(n, generator=gen, dtype=dtype) for _ in range(3))
    x = torch.randn(shape, generator=gen, dtype=dtype)
    kwargs = {"a": a, "b": b, "c": c, "x": x}
    if p.get("h") is not None:
        kwargs["h"] = p["h"]
    return Call("gradient_at", (), kwargs, harness=True,
                describe={"f": "Σ a·sin(x) + (Σ b·x)² + Σ c·x·roll(x) + 0.1·Σ exp(x/2)", "x shape": list(shape),
                          "h": p.get("h", say("default (1e-5)")),
                          "returns": say("(your gradient, x after your call)")})


def build_relative(p: dict, gen: torch.Generator) -> Call:
    if "a" in p:
        a, b = torch.tensor(p["a"], dtype=torch.float64), torch.tensor(p["b"], dtype=torch.float64)
    else:
        a = torch.randn(p["shape"], generator=gen, dtype=torch.float64)
        b = a + p["scale"] * torch.randn(p["shape"], generator=gen, dtype=torch.float64)
    return Call("relative_error", (a, b))


@st.composite
def shapes(draw):
    shape = draw(st.lists(st.integers(1, 4), min_size=1, max_size=3))
    return {"shape": shape, "h": draw(st.sampled_from([None, 1e-4, 1e-5, 1e-6]))}


@st.composite
def close_pairs(draw):
    return {"shape": draw(st.lists(st.integers(1, 5), min_size=1, max_size=2)),
            "scale": draw(st.sampled_from([1e-9, 1e-6, 1e-3, 1.0]))}


def compare_relative(expected, got):
    if isinstance(got, torch.Tensor):
        return say("relative_error should return a Python float (use float(...) or .item()), not a tensor")
    if not isinstance(got, (int, float)) or isinstance(got, bool):
        return say("relative_error should return a float, got {kind}", kind=type(got).__name__)
    if not abs(got - expected) <= 1e-9 + 1e-6 * abs(expected):
        return say("expected {expected:.6g}, got {got:.6g}", expected=expected, got=got)
    return None


GRAD_TOL = {"rtol": 1e-6, "atol": 1e-7}


def compare_gradient(rtol: float, atol: float):
    """The gradient first, then x: a changed x gets its own message."""
    def check(expected, got):
        if not isinstance(got, tuple) or len(got) != 2:
            return say("the harness expected numerical_gradient to return one tensor")
        mismatch = compare(expected[0], got[0], rtol, atol, path=say("your gradient"))
        if mismatch:
            return mismatch.message
        x_before, x_after = expected[1], got[1]
        # Rounding is no fault: x[i] + h − 2h + h need not give back x[i] bit for bit.
        slack = 16 * torch.finfo(x_before.dtype).eps * x_before.abs().clamp_min(1.0)
        if not isinstance(x_after, torch.Tensor) or x_after.shape != x_before.shape:
            return say("x must keep its shape: probe its elements in place or work on a copy")
        if bool(((x_after.to(x_before.dtype) - x_before).abs() > slack).any()):
            worst = int((x_after - x_before).abs().reshape(-1).argmax())
            return say("x changed during your call: flat element {worst} was {before:.10g} on entry and is "
                       "{after:.10g} afterwards — put each element back after probing it", worst=worst,
                       before=x_before.reshape(-1)[worst].item(), after=x_after.reshape(-1)[worst].item())
        return None
    return check

def gradient_check(name: str, rtol: float = GRAD_TOL["rtol"], atol: float = GRAD_TOL["atol"], **kwargs) -> Check:
    return Check(name, build_gradient, function="numerical_gradient", rtol=rtol, atol=atol,
                 compare_output=compare_gradient(rtol, atol), **kwargs)


CHECKS = [
    gradient_check("a single element", cases=[{"shape": [1]}]),
    gradient_check("a vector of 5 elements, default h", cases=[{"shape": [5]}, {"shape": [6], "h": 1e-4}]),
    gradient_check("a 3×4 matrix: every element probed, x restored after each probe",
                   cases=[{"shape": [3, 4]}, {"shape": [2, 2, 3], "h": 1e-6}]),
    gradient_check("random shapes and step sizes", strategy=shapes(), max_examples=15),
    gradient_check("float32 x keeps float32 (h = 1e-2: float32 has ~7 digits)", rtol=2e-3, atol=2e-3,
                   cases=[{"shape": [2, 3], "h": 1e-2, "dtype": "float32"}]),
    Check("relative_error: tiny example and zeros", build_relative, function="relative_error",
          compare_output=compare_relative,
          cases=[{"a": [1.0, 2.0], "b": [1.1, 2.0]}, {"a": [0.0, 0.0], "b": [0.0, 0.0]},
                 {"a": [1e-9, -3.0], "b": [-1e-9, -3.0]},
                 {"a": [[1.0, -2.0], [0.5, 4.0]], "b": [[1.0, 2.0], [0.5, 4.0]]}]),
    Check("relative_error: random pairs from far apart to nearly equal", build_relative, function="relative_error",
          compare_output=compare_relative, strategy=close_pairs(), max_examples=10),
]
