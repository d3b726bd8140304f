"""Checks for adam: the oracle steps a real torch.optim.AdamW over copies of the parameters.

A learner's state is opaque, so every check runs whole sequences of steps through the harness
(harness.several_steps) and compares the parameters after each step. The oracle keeps its own
state as the optimizer's per-parameter state (step, exp_avg, exp_avg_sq).
"""
import torch
from hypothesis import strategies as st

from tutor.content.check_phrases import Phrases
from tutor.grading.spec import Call, Check

say = Phrases(__file__)


class ORACLE:
    @staticmethod
    def adamw_step(params, grads, states, lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        leaves = [torch.nn.Parameter(p.detach().clone()) for p in params]
        optimizer = torch.optim.AdamW(leaves, lr=lr, betas=betas, eps=eps, weight_decay=weight_decay,
                                      foreach=False)
        for leaf, g, state in zip(leaves, grads, states):
            leaf.grad = g.detach().clone()
            if state is not None:
                optimizer.state[leaf] = {k: v.clone() for k, v in state.items()}
        optimizer.step()
        new_states = [{k: v.clone() for k, v in optimizer.state[leaf].items()} for leaf in leaves]
        return [leaf.detach().clone() for leaf in leaves], new_states


DTYPES = {"float32": torch.float32, "float64": torch.float64}


def tensors(shapes, gen, dtype, scale=1.0):
    return [torch.randn(*shape, generator=gen, dtype=dtype) * scale for shape in shapes]


def steps(p: dict, gen: torch.Generator) -> Call:
    dtype = DTYPES[p.get("dtype", "float64")]
    params = tensors(p["shapes"], gen, dtype)
    grads_per_step = [tensors(p["shapes"], gen, dtype, p.get("grad_scale", 1.0)) for _ in p["lrs"]]
    decays = list(p.get("weight_decays", [0.0] * len(p["lrs"])))
    betas, eps = tuple(p.get("betas", (0.9, 0.999))), p.get("eps", 1e-8)
    return Call("several_steps", (params, grads_per_step, list(p["lrs"]), decays, betas, eps), harness=True,
                describe={"steps": len(p["lrs"]), "lrs": list(p["lrs"]), "weight_decays": decays,
                          "betas": list(betas), "eps": eps,
                          "note": say("states start as None; each step gets the states the previous step returned; "
                                      "the result is the parameters after every step")})


def defaults(p: dict, gen: torch.Generator) -> Call:
    params, grads = tensors(p["shapes"], gen, torch.float64), tensors(p["shapes"], gen, torch.float64)
    return Call("defaults_step", (params, grads, p["lr"]), harness=True,
                describe={"note": say("adamw_step(params, grads, [None, …], lr): betas, eps and weight_decay left "
                                      "at their defaults (0.9, 0.999), 1e-8 and 0.0")})


@st.composite
def schedules(draw):
    shapes = draw(st.lists(st.lists(st.integers(1, 4), min_size=1, max_size=2), min_size=1, max_size=3))
    n = draw(st.integers(1, 5))
    lrs = draw(st.lists(st.sampled_from([0.3, 0.1, 0.05, 0.01, 0.001]), min_size=n, max_size=n))
    decays = draw(st.lists(st.sampled_from([0.0, 0.0, 0.01, 0.1, 0.5]), min_size=n, max_size=n))
    return {"shapes": shapes, "lrs": lrs, "weight_decays": decays,
            "betas": draw(st.sampled_from([[0.9, 0.999], [0.8, 0.99], [0.5, 0.9], [0.0, 0.99]])),
            "eps": draw(st.sampled_from([1e-8, 1e-6, 1e-3])),
            "grad_scale": draw(st.sampled_from([1.0, 1e-2, 1e-4]))}


CHECKS = [
    Check("the first step (states are None), no weight decay", steps, function="adamw_step",
          cases=[{"shapes": [[3], [2, 2]], "lrs": [0.1]}]),
    Check("three steps with a changing learning rate (0.1, 0.02, 0.3): bias correction", steps,
          function="adamw_step", cases=[{"shapes": [[3], [2, 2]], "lrs": [0.1, 0.02, 0.3]}]),
    Check("decoupled weight decay (0.5) over three steps", steps, function="adamw_step",
          cases=[{"shapes": [[4], [2, 3]], "lrs": [0.1, 0.05, 0.1], "weight_decays": [0.5, 0.5, 0.5]}]),
    Check("weight decay switched on and off between steps", steps, function="adamw_step",
          cases=[{"shapes": [[3], [2]], "lrs": [0.1, 0.1, 0.05, 0.2], "weight_decays": [0.0, 0.2, 0.0, 0.5]}]),
    Check("small gradients (about 1e-4), where ε matters", steps, function="adamw_step",
          cases=[{"shapes": [[5], [2, 2]], "lrs": [0.1, 0.05], "grad_scale": 1e-4, "eps": 1e-6},
                 {"shapes": [[4]], "lrs": [0.1], "grad_scale": 1e-8}]),
    Check("other betas and eps", steps, function="adamw_step",
          cases=[{"shapes": [[3, 2]], "lrs": [0.05, 0.05, 0.05], "betas": [0.5, 0.9], "eps": 1e-3}]),
    Check("the default betas, eps and weight_decay", defaults, function="adamw_step",
          cases=[{"shapes": [[3], [2, 2]], "lr": 0.01}]),
    Check("random shapes, schedules, decays, betas and eps", steps, function="adamw_step", strategy=schedules(),
          max_examples=20),
    Check("float32 parameters keep float32", steps, function="adamw_step",
          cases=[{"shapes": [[5], [3, 2]], "lrs": [0.1, 0.05], "weight_decays": [0.1, 0.1], "dtype": "float32"}]),
]
