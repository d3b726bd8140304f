"""Checks for sgd_momentum: the oracle steps a real torch.optim.SGD over copies of the parameters."""
import torch
from hypothesis import strategies as st

from tutor.content.check_phrases import Phrases
from tutor.grading.spec import Call, Check

say = Phrases(__file__)


class ORACLE:
    @staticmethod
    def sgd_momentum(params, grads, bufs, lr, momentum):
        leaves = [torch.nn.Parameter(p.detach().clone()) for p in params]
        optimizer = torch.optim.SGD(leaves, lr=lr, momentum=momentum)
        for leaf, g, buf in zip(leaves, grads, bufs):
            leaf.grad = g.detach().clone()
            if buf is not None:
                optimizer.state[leaf]["momentum_buffer"] = buf.detach().clone()
        optimizer.step()
        return ([leaf.detach().clone() for leaf in leaves],
                [optimizer.state[leaf]["momentum_buffer"].detach().clone() for leaf in leaves])


DTYPES = {"float32": torch.float32, "float64": torch.float64}


def tensors(shapes, gen, dtype):
    return [torch.randn(*shape, generator=gen, dtype=dtype) for shape in shapes]


def one_step(p: dict, gen: torch.Generator) -> Call:
    """A single call; with "with_bufs" the step continues from existing momentum buffers."""
    dtype = DTYPES[p.get("dtype", "float64")]
    params, grads = tensors(p["shapes"], gen, dtype), tensors(p["shapes"], gen, dtype)
    bufs = tensors(p["shapes"], gen, dtype) if p.get("with_bufs") else [None] * len(params)
    return Call("sgd_momentum", (params, grads, bufs, p["lr"], p["momentum"]))


def steps(p: dict, gen: torch.Generator) -> Call:
    """Several steps through harness.several_steps, one learning rate per step."""
    dtype = DTYPES[p.get("dtype", "float64")]
    params = tensors(p["shapes"], gen, dtype)
    grads_per_step = [tensors(p["shapes"], gen, dtype) for _ in p["lrs"]]
    return Call("several_steps", (params, grads_per_step, list(p["lrs"]), p["momentum"]), harness=True,
                describe={"steps": len(p["lrs"]), "note": say("bufs start as None; each step gets the buffers the "
                                                              "previous step returned")})


@st.composite
def schedules(draw):
    shapes = draw(st.lists(st.lists(st.integers(1, 4), min_size=1, max_size=2), min_size=1, max_size=3))
    lrs = draw(st.lists(st.sampled_from([0.5, 0.2, 0.1, 0.05, 0.01]), min_size=2, max_size=4))
    return {"shapes": shapes, "lrs": lrs, "momentum": draw(st.sampled_from([0.5, 0.8, 0.9, 0.99]))}


CHECKS = [
    Check("first step (bufs are None): the buffer starts as the gradient", one_step, function="sgd_momentum",
          cases=[{"shapes": [[3], [2, 2]], "lr": 0.05, "momentum": 0.9}]),
    Check("a step that continues from existing momentum buffers", one_step, function="sgd_momentum",
          cases=[{"shapes": [[4], [2, 3]], "lr": 0.05, "momentum": 0.9, "with_bufs": True},
                 {"shapes": [[2]], "lr": 0.3, "momentum": 0.5, "with_bufs": True}]),
    Check("three steps with a changing learning rate (0.1, 0.02, 0.3)", steps, function="sgd_momentum",
          cases=[{"shapes": [[3], [2, 2]], "lrs": [0.1, 0.02, 0.3], "momentum": 0.9}]),
    Check("random shapes, schedules and momenta", steps, function="sgd_momentum", strategy=schedules(),
          max_examples=20),
    Check("float32 parameters keep float32", steps, function="sgd_momentum",
          cases=[{"shapes": [[5], [3, 2]], "lrs": [0.1, 0.05], "momentum": 0.9, "dtype": "float32"}]),
]
