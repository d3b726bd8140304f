"""Checks for ddpm_forward. The oracle is torch.linspace for the schedule, torch.cumprod for ᾱ,
and the closed form x_t = √ᾱ_t·x0 + √(1 − ᾱ_t)·ε (Ho et al. 2020, eq. 4) for q_sample."""
import torch
from hypothesis import strategies as st

from tutor.content.check_phrases import Phrases
from tutor.grading.compare import compare
from tutor.grading.spec import Call, Check

say = Phrases(__file__)


class ORACLE:
    @staticmethod
    def linear_beta_schedule(T, beta_start=1e-4, beta_end=0.02):
        return torch.linspace(beta_start, beta_end, T, dtype=torch.float64)

    @staticmethod
    def alpha_bar(betas):
        return torch.cumprod(1 - betas, dim=0)

    @staticmethod
    def q_sample(x0, t, noise, alphas_cumprod):
        a_bar = alphas_cumprod[t].reshape((-1,) + (1,) * (x0.dim() - 1))
        return a_bar.sqrt() * x0 + (1 - a_bar).sqrt() * noise


# -- the schedule: any float dtype is right (torch.linspace gives float32, a float64 table is as good) --
def build_schedule(p: dict, gen: torch.Generator) -> Call:
    if p.get("defaults"):
        note = say("called with T only: the defaults are beta_start=1e-4, beta_end=0.02")
        return Call("linear_beta_schedule", (p["T"],), describe={"note": note})
    return Call("linear_beta_schedule", (p["T"], p["start"], p["end"]))


def compare_schedule(expected, got):
    if not isinstance(got, torch.Tensor):
        return say("linear_beta_schedule should return a tensor of T betas, but it returned {kind}",
                   kind=type(got).__name__)
    if not got.is_floating_point():
        return say("the betas should be floating point, got dtype {dtype} (integer division or torch.arange alone?)",
                   dtype=got.dtype)
    mismatch = compare(expected, got.detach().cpu().to(torch.float64), rtol=1e-5, atol=1e-9, path=say("the betas"))
    return mismatch.message if mismatch else None


@st.composite
def schedules(draw):
    return {"T": draw(st.integers(2, 400)), "start": draw(st.sampled_from([1e-4, 1e-3, 0.01, 0.05])),
            "end": draw(st.sampled_from([0.02, 0.05, 0.2, 0.5]))}


# -- ᾱ ------------------------------------------------------------------------------------------
def build_alpha_bar(p: dict, gen: torch.Generator) -> Call:
    dtype = torch.float32 if p.get("dtype") == "float32" else torch.float64
    if "betas" in p:
        betas = torch.tensor(p["betas"], dtype=dtype)
    else:  # an increasing, not evenly spaced schedule: ᾱ is a product, whatever the spacing
        betas = torch.sort(torch.rand(p["T"], generator=gen, dtype=torch.float64) * p["top"]).values.to(dtype)
    return Call("alpha_bar", (betas,), grad_wrt=(0,))


@st.composite
def beta_tables(draw):
    return {"T": draw(st.integers(1, 60)), "top": draw(st.sampled_from([0.02, 0.1, 0.5]))}


# -- q_sample -----------------------------------------------------------------------------------
def table(T: int, start: float, end: float, dtype) -> torch.Tensor:
    return torch.cumprod(1 - torch.linspace(start, end, T, dtype=torch.float64), dim=0).to(dtype)


def build_q(p: dict, gen: torch.Generator) -> Call:
    dtype = torch.float32 if p.get("dtype") == "float32" else torch.float64
    T, b, shape = p["T"], p["b"], tuple(p["shape"])
    alphas_cumprod = table(T, p.get("start", 0.01), p.get("end", 0.3), dtype)
    x0 = torch.randn((b,) + shape, generator=gen, dtype=dtype)
    noise = torch.randn((b,) + shape, generator=gen, dtype=dtype)
    t = torch.randint(0, T, (b,), generator=gen)
    if p.get("ends") and b >= 2:       # the first and the last step, where indexing slips show
        t[0], t[-1] = 0, T - 1
    return Call("q_sample", (x0, t, noise, alphas_cumprod), grad_wrt=(0, 2, 3))


def lesson_example(p: dict, gen: torch.Generator) -> Call:
    f = lambda v: torch.tensor(v, dtype=torch.float64)
    alphas_cumprod = torch.cumprod(1 - torch.linspace(0.1, 0.5, 5, dtype=torch.float64), dim=0)
    return Call("q_sample", (f([[1.0, -2.0], [0.5, 0.0]]), torch.tensor([2, 0]), f([[0.5, 0.5], [-1.0, 2.0]]),
                             alphas_cumprod), grad_wrt=(0, 2, 3))


@st.composite
def q_cases(draw):
    return {"T": draw(st.integers(2, 40)), "b": draw(st.integers(1, 5)),
            "shape": draw(st.sampled_from([[], [2], [3], [1, 2, 2], [2, 3, 2]])), "ends": draw(st.booleans())}


def diagnose(call: Call, got, expected):
    """Schedule mistakes named whatever dtype the learner chose (the variants return float32)."""
    if not isinstance(got, torch.Tensor) or not got.is_floating_point() or got.shape != getattr(expected, "shape", None):
        return None
    got64 = got.detach().cpu().to(torch.float64)
    if call.fn == "linear_beta_schedule":
        T = call.args[0]
        start, end = (call.args[1], call.args[2]) if len(call.args) == 3 else (1e-4, 0.02)
        by_T = start + (end - start) * torch.arange(T, dtype=torch.float64) / T
        if torch.allclose(got64, by_T, rtol=1e-5, atol=1e-9):
            return "schedule_step_by_T"
    if call.fn == "alpha_bar" and torch.allclose(got64, 1 - call.args[0].to(torch.float64), rtol=1e-5, atol=1e-9):
        return "alpha_not_cumulative"
    return None


CHECKS = [
    Check("linear_beta_schedule: the worked example (T = 5, from 0.1 to 0.5)", build_schedule,
          function="linear_beta_schedule", cases=[dict(T=5, start=0.1, end=0.5)], compare_output=compare_schedule),
    Check("linear_beta_schedule: the DDPM defaults (T = 1000, from 1e-4 to 0.02)", build_schedule,
          function="linear_beta_schedule", cases=[dict(T=1000, defaults=True), dict(T=2, defaults=True)],
          compare_output=compare_schedule),
    Check("linear_beta_schedule: random lengths and ends", build_schedule, function="linear_beta_schedule",
          strategy=schedules(), max_examples=15, compare_output=compare_schedule),
    Check("alpha_bar: the worked example's betas", build_alpha_bar, function="alpha_bar",
          cases=[dict(betas=[0.1, 0.2, 0.3, 0.4, 0.5])]),
    Check("alpha_bar: random increasing betas", build_alpha_bar, function="alpha_bar",
          strategy=beta_tables(), max_examples=15),
    Check("alpha_bar: float32 betas keep float32", build_alpha_bar, function="alpha_bar",
          cases=[dict(T=20, top=0.2, dtype="float32")]),
    Check("alpha_bar: gradients match autograd", build_alpha_bar, function="alpha_bar", grad=True,
          cases=[dict(T=8, top=0.5)]),
    Check("q_sample: the worked example (t = [2, 0])", lesson_example, function="q_sample", cases=[{}]),
    Check("q_sample: per-sample t on vectors and on images (B, C, H, W)", build_q, function="q_sample",
          cases=[dict(T=10, b=4, shape=[3], ends=True), dict(T=30, b=3, shape=[2, 3, 2], ends=True),
                 dict(T=5, b=3, shape=[], ends=True)]),
    Check("q_sample: random shapes, steps and schedules", build_q, function="q_sample",
          strategy=q_cases(), max_examples=20),
    Check("q_sample: float32 inputs keep float32", build_q, function="q_sample",
          cases=[dict(T=50, b=4, shape=[1, 2, 2], ends=True, dtype="float32")]),
    Check("q_sample: gradients match autograd (x0, noise, alphas_cumprod)", build_q, function="q_sample", grad=True,
          cases=[dict(T=12, b=3, shape=[2], ends=True)]),
]
