"""Checks for dropout, graded by statistics because the mask is random.

The learner's function runs in the sandbox (harness.py) and sends back its raw output and the
gradient of the output's sum; everything below is computed here, in the grading process, from
the grader's own x and p:

* every element of the output is either 0 (dropped) or exactly x/(1 − p) (kept);
* the fraction of dropped elements is p, within a Hoeffding bound (below);
* the gradient is the mask divided by (1 − p): d(sum(out))/dx = out/x elementwise;
* training=False and p = 0 give x unchanged; p = 1 gives zeros;
* each call draws a fresh mask, one coin per element (not one mask shared by every row).

False failures. Every case has n ≥ 2000 elements. For a correct dropout the number of zeros K is
Binomial(n, p), and Hoeffding's inequality gives P(|K/n − p| > t) ≤ 2·exp(−2·n·t²). We take
t = √(ln(2/δ) / (2n)) with δ = 1e-11, so each case fails a correct implementation with
probability at most 1e-11 (t ≤ 0.081 at n = 2000). A grading run draws fewer than 60 random
cases, so a correct dropout fails a run with probability below 60·1e-11 < 1e-9 by the union
bound. The two other random checks are far safer: two independent masks of n ≥ 2000 coins are
equal with probability ≤ max(p, 1 − p)^n ≤ 0.9^2000 < 1e-90, and 64 rows of 64 coins all equal
to the first with probability ≤ (p² + (1 − p)²)^(64·63) < 1e-300.

Telling the classic mistakes apart: confusing p with the keep probability moves the zero
fraction from p to 1 − p, at least 0.2 away for every p the checks use except 0.5 — more than
twice the largest threshold t, so the mistake is caught (and named) with the same certainty.
"""
import math

import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from tutor.content.check_phrases import Phrases
from tutor.grading.compare import Foreign
from tutor.grading.spec import Call, Check

say = Phrases(__file__)

DELTA = 1e-11  # the per-case false-failure probability (see above)


class ORACLE:
    @staticmethod
    def dropout(x, p=0.5, training=True):
        return F.dropout(x, p=p, training=training)


def threshold(n: int) -> float:
    """Hoeffding: a correct dropout's zero fraction is within t of p except with probability DELTA."""
    return math.sqrt(math.log(2 / DELTA) / (2 * n))


def nonzero_input(shape, gen, dtype) -> torch.Tensor:
    """Random values at least 0.1 away from 0, so 'dropped' (0) and 'kept' (x/(1 − p)) never look alike."""
    x = torch.randn(*shape, generator=gen, dtype=dtype)
    return torch.where(x >= 0, x + 0.1, x - 0.1)


def _dtype(p: dict) -> torch.dtype:
    return torch.float32 if p.get("dtype") == "float32" else torch.float64


def build(p: dict, gen: torch.Generator) -> Call:
    x = nonzero_input(p["shape"], gen, _dtype(p))
    return Call("draw", (x, p["p"], p.get("training", True)), harness=True,
                describe={"x": say("random values, shape {shape}, none of them 0", shape=tuple(p["shape"])),
                          "p": p["p"], "training": p.get("training", True)})


def build_defaults(p: dict, gen: torch.Generator) -> Call:
    x = nonzero_input(p["shape"], gen, torch.float64)
    return Call("draw_defaults", (x,), harness=True,
                describe={"note": say("dropout(x) with the default p and training")})


def build_twice(p: dict, gen: torch.Generator) -> Call:
    x = nonzero_input(p["shape"], gen, torch.float64)
    return Call("two_draws", (x, p["p"]), harness=True, describe={"note": say("the same x twice, training=True")})


# -- what the learner's draw must look like ---------------------------------------------------
def _shape(s) -> str:
    return "(" + ", ".join(str(int(v)) for v in s) + ("," if len(s) == 1 else "") + ")"


def tensor_problem(x: torch.Tensor, out, what: str | None = None, device: str = "cpu") -> str | None:
    what = say("the result") if what is None else what  # said when called: the language is set by then
    if isinstance(out, Foreign):
        return say("{what} should be a tensor, but your code returned a {kind}", what=what, kind=out.kind)
    if not isinstance(out, torch.Tensor):
        return say("{what} should be a tensor, got {kind}", what=what, kind=type(out).__name__)
    if tuple(out.shape) != tuple(x.shape):
        return say("{what}: expected shape {expected} (x's shape), got {got}", what=what, expected=_shape(x.shape),
                   got=_shape(out.shape))
    if out.dtype != x.dtype:
        return say("{what}: expected dtype {expected} (x's dtype), got {got}", what=what, expected=x.dtype,
                   got=out.dtype)
    if out.device.type != device:
        return say("{what}: x was on {device} but the result is on {got} — create the mask with torch.rand_like(x)",
                   what=what, device=device, got=out.device.type)
    if not bool(torch.isfinite(out).all()):
        return say("{what} has NaN or inf values — at p = 1 every element is dropped: return zeros rather "
                   "than dividing by 1 − p = 0", what=what)
    return None


def _tolerance(x: torch.Tensor) -> dict:
    return {"rtol": 1e-10, "atol": 0.0} if x.dtype == torch.float64 else {"rtol": 1e-5, "atol": 0.0}


def _fmt(t: torch.Tensor, k: int = 6) -> str:
    values = t.reshape(-1)[:k].tolist()
    return "[" + ", ".join(f"{v:.4g}" for v in values) + (", …]" if t.numel() > k else "]")


def identity_problem(x, out, p, training) -> str | None:
    if torch.isclose(out.cpu(), x, **_tolerance(x)).all():
        return None
    changed = int((~torch.isclose(out.cpu(), x, **_tolerance(x))).sum())
    why = (say("with training=False dropout is the identity: every element passes unchanged, not rescaled and not "
               "dropped") if not training else say("with p = 0 nothing is dropped, so the result is x unchanged"))
    return say("{why} — {changed} of {n} elements changed (x starts {x}, yours {yours})", why=why, changed=changed,
               n=x.numel(), x=_fmt(x), yours=_fmt(out.cpu()))


def mask_problem(x, out, p) -> str | None:
    """Every element 0 or x/(1 − p); the zero fraction within Hoeffding's bound of p."""
    out = out.cpu()
    kept = out != 0
    scaled = x / (1 - p)
    wrong = kept & ~torch.isclose(out, scaled, **_tolerance(x))
    if bool(wrong.any()):
        i = int(wrong.reshape(-1).nonzero()[0])
        xi, oi = x.reshape(-1)[i].item(), out.reshape(-1)[i].item()
        return say("every element should be either 0 (dropped) or x/(1 − p) (kept and rescaled): with p = {p:g}, "
                   "x = {xi:.6g} should become 0 or {rescaled:.6g}, but yours is {yours:.6g} "
                   "({wrong} of {n} elements are neither)",
                   p=p, xi=xi, rescaled=xi / (1 - p), yours=oi, wrong=int(wrong.sum()), n=x.numel())
    n = x.numel()
    zeros = n - int(kept.sum())
    fraction, t = zeros / n, threshold(n)
    if abs(fraction - p) > t:
        return say("{zeros} of {n} elements were dropped ({fraction:.1%}), but each should be dropped with "
                   "probability p = {p:g}: a correct dropout lands within {t:.1%} of {p:.0%} on {n} elements "
                   "except with probability 1e-11", zeros=zeros, n=n, fraction=fraction, p=p, t=t)
    return None


def gradient_problem(x, out, grad, p) -> str | None:
    expected = (out.cpu() != 0).to(x.dtype) / (1 - p)
    if grad is None:
        return say("the result is not connected to x in the autograd graph — multiply x by the mask with torch "
                   "operations (no .detach(), .item(), torch.tensor(...) of results or torch.no_grad())")
    grad = grad.cpu()
    if tuple(grad.shape) != tuple(x.shape) or not bool(torch.isclose(grad, expected, **_tolerance(x)).all()):
        return say("the gradient of sum(out) with respect to x should be the mask divided by 1 − p "
                   "(0 where dropped, {kept:.6g} where kept); yours starts {yours} where the mask "
                   "gives {mask} (the forward values were right)", kept=1 / (1 - p), yours=_fmt(grad),
                   mask=_fmt(expected))
    return None


def _inputs(expected: dict):
    """The grader's own x (on the CPU, with the device it was sent on), p and training."""
    x = expected["x"]
    return x.cpu(), x.device.type, float(expected["p"]), bool(expected["training"])


def compare_draw(expected: dict, got) -> str | None:
    x, device, p, training = _inputs(expected)
    if not isinstance(got, dict):
        return say("expected the dropped-out tensor, got {kind}", kind=type(got).__name__)
    out, grad = got.get("out"), got.get("grad")
    problem = tensor_problem(x, out, device=device)
    if problem:
        return problem
    if not training or p == 0:
        return identity_problem(x, out, p, training) or (
            None if grad is not None and torch.equal(grad.cpu(), torch.ones_like(x)) else
            say("the gradient of sum(out) with respect to x should be all ones here (out = x)"))
    if p == 1:
        if bool((out.cpu() != 0).any()):
            return say("with p = 1 every element is dropped: the result should be all zeros, yours starts {yours}",
                       yours=_fmt(out.cpu()))
        if grad is not None and bool((grad.cpu() != 0).any()):
            return say("with p = 1 the gradient should be all zeros: nothing of x reaches the output")
        return None
    return mask_problem(x, out, p) or gradient_problem(x, out, grad, p)


def compare_two(expected: dict, got) -> str | None:
    x, device, p, _ = _inputs(expected)
    if not isinstance(got, dict):
        return say("expected the dropped-out tensor, got {kind}", kind=type(got).__name__)
    for key in ("out", "second"):
        what = say("the first call's result") if key == "out" else say("the second call's result")
        problem = tensor_problem(x, got.get(key), what, device=device)
        if problem:
            return problem
    if torch.equal(got["out"].cpu() != 0, got["second"].cpu() != 0):
        return say("two calls on the same x dropped exactly the same elements: each call must draw a new random "
                   "mask (no fixed seed, no mask stored between calls)")
    return mask_problem(x, got["out"], p)


def compare_independent(expected: dict, got) -> str | None:
    problem = compare_draw(expected, got)
    if problem:
        return problem
    mask = got["out"].cpu() != 0
    if mask.dim() >= 2 and bool((mask == mask[:1]).all()):
        return say("every row of the result has the same elements dropped: the mask must have x's full shape, "
                   "one independent coin per element (not one row of coins broadcast over the batch)")
    return None


def diagnose(call: Call, got, expected) -> str | None:
    """Name the mistake from the draw's statistics (the wrong variants are random too)."""
    if not isinstance(got, dict) or not isinstance(expected, dict) or "out" not in got:
        return None
    x, _, p, training = _inputs(expected)
    out = got["out"]
    if not isinstance(out, torch.Tensor) or tuple(out.shape) != tuple(x.shape) or not bool(torch.isfinite(out).all()):
        return None
    out = out.cpu().to(x.dtype)
    dropped = out == 0
    if not training:
        return "dropout_in_eval" if bool(dropped.any()) else None
    if p == 0:
        return "p_as_keep_probability" if bool(dropped.all()) else None
    if p == 1:
        return "p_as_keep_probability" if bool(torch.isclose(out, x).all()) else None
    n = x.numel()
    if abs(float(dropped.float().mean()) - (1 - p)) <= threshold(n) and abs(1 - 2 * p) > 2 * threshold(n):
        return "p_as_keep_probability"
    kept = ~dropped
    if bool(kept.any()) and bool(torch.isclose(out[kept], x[kept], **_tolerance(x)).all()):
        return "no_inverted_scaling"
    return None


P_VALUES = [0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9]


@st.composite
def draws(draw):
    if draw(st.booleans()):
        shape = [draw(st.integers(40, 80)), draw(st.integers(50, 100))]
    else:
        shape = [draw(st.integers(2, 4)), draw(st.integers(4, 8)), draw(st.integers(10, 16)), draw(st.integers(10, 16))]
    return {"shape": shape, "p": draw(st.sampled_from(P_VALUES)), "dtype": draw(st.sampled_from(["float64", "float32"]))}


CHECKS = [
    Check("p = 0.2 on 4,000 elements: 0 or x/(1 − p), about 20 % dropped, gradient = mask/(1 − p)", build,
          function="dropout", cases=[{"shape": [50, 80], "p": 0.2}], compare_output=compare_draw),
    Check("p = 0.75 on 4,096 elements", build, function="dropout",
          cases=[{"shape": [4, 16, 8, 8], "p": 0.75}], compare_output=compare_draw),
    Check("training=False is the identity", build, function="dropout",
          cases=[{"shape": [40, 60], "p": 0.3, "training": False}, {"shape": [40, 60], "p": 1.0, "training": False}],
          compare_output=compare_draw),
    Check("p = 0 keeps everything, p = 1 drops everything", build, function="dropout",
          cases=[{"shape": [40, 60], "p": 0.0}, {"shape": [40, 60], "p": 1.0}], compare_output=compare_draw),
    Check("the defaults: p = 0.5, training=True", build_defaults, function="dropout",
          cases=[{"shape": [50, 50]}], compare_output=compare_draw),
    Check("one independent coin per element (rows get different masks)", build, function="dropout",
          cases=[{"shape": [64, 64], "p": 0.3}], compare_output=compare_independent),
    Check("a new mask on every call", build_twice, function="dropout",
          cases=[{"shape": [40, 60], "p": 0.4}], compare_output=compare_two),
    Check("random shapes, p and dtypes", build, function="dropout", strategy=draws(), max_examples=20,
          compare_output=compare_draw),
    Check("float32 input keeps float32", build, function="dropout",
          cases=[{"shape": [40, 60], "p": 0.3, "dtype": "float32"}], compare_output=compare_draw),
]
