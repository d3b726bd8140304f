"""Checks for activations: the oracles are torch.sigmoid, torch.relu and torch.tanh themselves."""
import torch
from hypothesis import strategies as st

from tutor.grading.spec import Call, Check


class ORACLE:
    @staticmethod
    def sigmoid(x):
        return torch.sigmoid(x)

    @staticmethod
    def relu(x):
        return torch.relu(x)

    @staticmethod
    def tanh(x):
        return torch.tanh(x)


DTYPES = {"float32": torch.float32, "float64": torch.float64}

# Far past the point where e^|x| overflows: about 710 in float64, about 89 in float32.
SATURATED_64 = [-1000.0, -800.0, -60.0, -20.0, -1.0, 0.0, 1.0, 20.0, 60.0, 800.0, 1000.0]
SATURATED_32 = [-1000.0, -100.0, -90.0, -20.0, 0.0, 20.0, 90.0, 100.0, 1000.0]


def inputs_for(fn: str):
    def build(p: dict, gen: torch.Generator) -> Call:
        dtype = DTYPES[p.get("dtype", "float64")]
        if "values" in p:
            x = torch.tensor(p["values"], dtype=dtype)
        else:
            x = torch.randn(*p["shape"], generator=gen, dtype=dtype) * p.get("scale", 3.0)
        return Call(fn, (x,), grad_wrt=(0,))
    return build


@st.composite
def shapes(draw):
    shape = draw(st.lists(st.integers(1, 5), min_size=1, max_size=3))
    return {"shape": shape, "scale": draw(st.sampled_from([0.5, 3.0, 10.0]))}


def checks_for(fn: str) -> list[Check]:
    build = inputs_for(fn)
    return [
        Check(f"{fn} on a few numbers", build, function=fn,
              cases=[{"values": [-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0]}]),
        Check(f"{fn} on random shapes", build, function=fn, strategy=shapes(), max_examples=15,
              cases=[{"shape": [2, 3, 4]}]),
        Check(f"{fn} keeps float32", build, function=fn, cases=[{"shape": [4, 5], "dtype": "float32"}]),
        Check(f"{fn} on saturated inputs (|x| up to 1000)", build, function=fn,
              cases=[{"values": SATURATED_64}, {"values": SATURATED_32, "dtype": "float32"}]),
        # Away from 0, where relu has a kink and clamp/where/maximum disagree about the gradient.
        Check(f"{fn} gradients match autograd", build, function=fn, grad=True, cases=[{"shape": [3, 4]}]),
    ] + ([
        # σ and tanh are smooth at 0 (σ′(0) = 1/4, tanh′(0) = 1), but a version built from exp(−|x|)
        # gets 0 there from autograd, since d|x|/dx at 0 is taken as 0.
        Check(f"{fn} gradient at x = 0 and next to it", build, function=fn, grad=True,
              cases=[{"values": [0.0]}, {"values": [-1e-3, 0.0, 1e-3, 2.0, -2.0]}]),
        # The textbook 1 / (1 + exp(−x)) has the right values everywhere, but exp(−x) overflows for
        # x < −88.7 (float32), −709.8 (float64) and its gradient there is 0 · inf = NaN (tanh from
        # exp(−2x): x < −44.4, −354.9). Accepted, and taught: a note, never a failure.
        Check(f"{fn} gradient on saturated inputs", build, function=fn, grad=True, note=f"{fn}_nan_gradient",
              cases=[{"values": SATURATED_32, "dtype": "float32"}, {"values": SATURATED_64}]),
    ] if fn != "relu" else [])


CHECKS = checks_for("sigmoid") + checks_for("relu") + checks_for("tanh")
