"""Checks for ddpm_loss. The grader's small model (harness.TinyEpsModel) is rebuilt from the same
plain-data weights here and in the sandbox; the oracle is the formula of Ho et al. (2020,
algorithm 1): ‖ε − ε_θ(√ᾱ_t·x0 + √(1 − ᾱ_t)·ε, t)‖², averaged over every element, with
F.mse_loss. Both the loss and its gradient for every model parameter are compared."""
import importlib.util
from pathlib import Path

import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from tutor.content.check_phrases import Phrases
from tutor.grading.cases import describe_value
from tutor.grading.compare import compare
from tutor.grading.spec import Call, Check

say = Phrases(__file__)

_spec = importlib.util.spec_from_file_location("ddpm_loss_harness", Path(__file__).with_name("harness.py"))
harness = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(harness)


class ORACLE:
    @staticmethod
    def ddpm_loss(model, x0, t, noise, alphas_cumprod):
        a_bar = alphas_cumprod[t].reshape((-1,) + (1,) * (x0.dim() - 1))
        x_t = a_bar.sqrt() * x0 + (1 - a_bar).sqrt() * noise
        return F.mse_loss(model(x_t, t), noise)


def mlp_weights(features: int, hidden: int, dtype, gen: torch.Generator) -> dict:
    """Weights for harness.TinyEpsModel: fan-in scaled, with time frequencies that spread over T."""
    u = lambda *shape, bound: (torch.rand(*shape, generator=gen, dtype=dtype) * 2 - 1) * bound
    inputs = features + 2 * 3
    return {"freqs": torch.tensor([1.0, 0.1, 0.01], dtype=dtype),
            "hidden.weight": u(hidden, inputs, bound=2 * inputs ** -0.5), "hidden.bias": u(hidden, bound=0.5),
            "out.weight": u(features, hidden, bound=2 * hidden ** -0.5), "out.bias": u(features, bound=0.5)}


def schedule(T: int, dtype, start: float = 1e-4, end: float = 0.02) -> torch.Tensor:
    return torch.cumprod(1 - torch.linspace(start, end, T, dtype=torch.float64), dim=0).to(dtype)


def build(p: dict, gen: torch.Generator) -> Call:
    dtype = torch.float32 if p.get("dtype") == "float32" else torch.float64
    T, b, shape = p["T"], p["b"], tuple(p["shape"])
    features = 1
    for size in shape:
        features *= size
    weights = mlp_weights(features, p.get("hidden", 8), dtype, gen)
    x0 = torch.randn((b,) + shape, generator=gen, dtype=dtype)
    noise = torch.randn((b,) + shape, generator=gen, dtype=dtype)
    t = torch.randint(0, T, (b,), generator=gen)
    if b >= 2:
        t[0], t[-1] = 0, T - 1
    alphas_cumprod = schedule(T, dtype, p.get("start", 1e-4), p.get("end", 0.02))
    args = (weights, x0, t, noise, alphas_cumprod)
    return Call("loss_and_gradients", args, harness=True,
                describe={"call": "ddpm_loss", "inputs": named(args[1:]),
                          "model": say("the grader's ε-model: flatten x_t ({features} numbers) + sin/cos of t → "
                                       "Linear → tanh → Linear", features=features), "T": T})


def named(values: tuple) -> dict:
    """The counterexample's inputs under the learner's argument names (the model is described apart)."""
    return {name: describe_value(v) for name, v in zip(("x0", "t", "noise", "alphas_cumprod"), values)}


def lesson_example(p: dict, gen: torch.Generator) -> Call:
    f = lambda v: torch.tensor(v, dtype=torch.float64)
    alphas_cumprod = torch.cumprod(1 - torch.linspace(0.1, 0.5, 5, dtype=torch.float64), dim=0)
    args = ({"w": f(0.5)}, f([[1.0, -2.0], [0.5, 0.0]]), torch.tensor([2, 0]), f([[0.5, 0.5], [-1.0, 2.0]]),
            alphas_cumprod)
    return Call("loss_and_gradients", args, harness=True,
                describe={"call": "ddpm_loss", "inputs": named(args[1:]),
                          "model": say("ε̂ = 0.5·x_t (one parameter, w = 0.5)")})


@st.composite
def cases(draw):
    return {"T": draw(st.sampled_from([10, 100, 1000])), "b": draw(st.integers(1, 6)),
            "shape": draw(st.sampled_from([[2], [3], [1, 2, 2], [2, 2, 1]])), "hidden": draw(st.integers(3, 10))}


def parameter_names(count: int) -> list[str]:
    """The model's parameters as the messages name them: the worked example's one w, or the MLP's four."""
    if count == 1:
        return [say("parameter w")]
    return [say("hidden layer's weight"), say("hidden layer's bias"), say("output layer's weight"),
            say("output layer's bias")]


def compare_loss(expected, got):
    if not (isinstance(got, list) and len(got) == 2):
        return say("internal: the harness returned an unexpected value")
    (expected_loss, expected_grads), (loss, grads) = expected, got
    if isinstance(loss, (int, float)) and not isinstance(loss, bool):
        return say("ddpm_loss should return the loss as a tensor, so that training can call backward() on it — "
                   "not a Python number (.item() cuts it off from the model)")
    mismatch = compare(expected_loss, loss, path=say("the loss"))
    if mismatch:
        return mismatch.message
    if grads is None:
        return say("the loss is right, but it is not connected to the model's parameters in the autograd graph: "
                   "call the model on x_t without torch.no_grad(), and avoid .detach(), .item() or torch.tensor(...) "
                   "between the model's output and the loss")
    names = parameter_names(len(expected_grads))
    for name, e, g in zip(names, expected_grads, grads):
        if g is None:
            return say("no gradient reaches the model's {name}: is the model's output used in the loss?", name=name)
        mismatch = compare(e, g, path=say("the gradient for the model's {name}", name=name))
        if mismatch:
            return mismatch.message + "\n" + say("(the loss value was right)")
    return None


def point(**p):
    return {"T": 1000, "b": 5, "shape": [2], **p}


CHECKS = [
    Check("the worked example: ε̂ = 0.5·x_t, t = [2, 0]", lesson_example, function="ddpm_loss", cases=[{}],
          compare_output=compare_loss),
    Check("2-D points, the DDPM schedule (T = 1000)", build, function="ddpm_loss",
          cases=[point(), point(b=3, start=0.01, end=0.3)], compare_output=compare_loss),
    Check("images (B, C, H, W), per-sample t", build, function="ddpm_loss",
          cases=[dict(T=100, b=4, shape=[1, 2, 2]), dict(T=50, b=3, shape=[2, 1, 3], start=0.02, end=0.4)],
          compare_output=compare_loss),
    Check("random batches, shapes and models", build, function="ddpm_loss", strategy=cases(), max_examples=15,
          compare_output=compare_loss),
    Check("float32 model and data keep float32", build, function="ddpm_loss",
          cases=[point(dtype="float32")], compare_output=compare_loss),
]
