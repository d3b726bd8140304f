"""The cases a check runs: fixed ones, hypothesis-drawn ones, the shrinking of a failure to the
smallest case, and how a case is described to the learner (the counterexample)."""
from __future__ import annotations

import hashlib
import inspect
import time
from collections.abc import Callable
from typing import Any

import torch

from tutor.grading.spec import Call, Check

SHRINK_BUDGET_S = 3.0


def case_seed(seed: int, check: Check, params: dict) -> int:
    """The torch seed of one case: the same run seed and parameters always build the same tensors."""
    text = f"{seed}|{check.name}|{sorted(params.items())!r}"
    return int(hashlib.sha256(text.encode()).hexdigest()[:12], 16)


def describe_value(value: Any) -> object:
    """A short, JSON-able picture of an input: tensors by shape and dtype, numbers as they are."""
    if isinstance(value, torch.Tensor):
        text = f"tensor{tuple(value.shape)} {str(value.dtype).replace('torch.', '')}"
        if value.numel() <= 12:
            # Nested as the tensor is (a 3×3 reads as three rows), numbers to 4 places.
            text += " = " + repr(_rounded(value.detach().cpu().tolist()))
        return text
    if isinstance(value, (list, tuple)):
        return [describe_value(v) for v in value]
    if isinstance(value, (int, float, str, bool)) or value is None:
        return value
    return type(value).__name__


def _rounded(values: Any) -> Any:
    if isinstance(values, list):
        return [_rounded(v) for v in values]
    return round(values, 4) if isinstance(values, float) else values


def argument_names(oracle: Any, call: Call) -> list[str]:
    """The oracle's parameter names for the call's positional arguments (x, weight, …)."""
    names = [f"arg{i}" for i in range(len(call.args))]
    if call.harness:
        return names
    try:
        params = list(inspect.signature(getattr(oracle, call.fn)).parameters)
    except (AttributeError, TypeError, ValueError):
        return names
    return [params[i] if i < len(params) else names[i] for i in range(len(call.args))]


def counterexample(check: Check, params: dict, call: Call, seed: int, oracle: Any = None) -> dict:
    described: dict[str, Any] = {"check": check.name, "seed": seed, "params": params, "call": call.fn}
    names = argument_names(oracle, call) if oracle is not None else [f"arg{i}" for i in range(len(call.args))]
    described["inputs"] = {name: describe_value(a) for name, a in zip(names, call.args)}
    described["inputs"].update({k: describe_value(v) for k, v in call.kwargs.items()})
    described.update(call.describe)
    return described


def draw(check: Check, seed: int) -> list[dict]:
    """The parameter dicts hypothesis generates for this check and seed (no learner code runs)."""
    from hypothesis import HealthCheck, Phase, Verbosity, given, settings
    from hypothesis import seed as hypothesis_seed

    drawn: list[dict] = []

    @settings(max_examples=check.max_examples, deadline=None, database=None, suppress_health_check=list(HealthCheck),
              verbosity=Verbosity.quiet, phases=[Phase.generate])
    @hypothesis_seed(seed)
    @given(check.strategy)
    def collect(params):
        drawn.append(params)

    collect()
    return drawn


def smallest_failure(check: Check, seed: int, run_case: Callable[[dict], Any],
                     passes: Callable[[Any], bool], stop_early: Callable[[Any], bool],
                     fatal: tuple[type[BaseException], ...] = ()) -> tuple[dict, Any] | None:
    """Hypothesis-drawn cases; a failure is shrunk (within SHRINK_BUDGET_S) to the smallest case.

    run_case(params) gives an outcome; passes(outcome) says whether it passed; stop_early(outcome)
    ends the search at that failure (nothing smaller would teach more). Exceptions in `fatal` go
    straight through. Returns (params, outcome) of the smallest failure found, or None."""
    from hypothesis import HealthCheck, Phase, Verbosity, given, settings
    from hypothesis import seed as hypothesis_seed

    failures: dict[str, tuple[dict, Any]] = {}
    state: dict[str, Any] = {"first_fail": None, "stop": None}

    def key(params):
        return repr(sorted(params.items()))

    @settings(max_examples=check.max_examples, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck), verbosity=Verbosity.quiet,
              phases=[Phase.generate, Phase.shrink], report_multiple_bugs=False, print_blob=False)
    @hypothesis_seed(seed)
    @given(check.strategy)
    def prop(params):
        k = key(params)
        if k not in failures:
            if state["stop"] is not None:
                return  # out of time, or nothing left to learn: unseen candidates count as passing
            if state["first_fail"] and time.perf_counter() - state["first_fail"] > SHRINK_BUDGET_S:
                state["stop"] = "budget"
                return
            outcome = run_case(params)
            if passes(outcome):
                return
            failures[k] = (params, outcome)
            state["first_fail"] = state["first_fail"] or time.perf_counter()
            if stop_early(outcome):
                state["stop"] = "early"
        raise AssertionError(k)  # one raise site, so hypothesis sees one consistent failure

    try:
        prop()
    except fatal:
        raise
    except Exception as exc:  # AssertionError, or hypothesis's own wrappers around it
        if not failures:
            raise
        k = str(exc.args[0]) if isinstance(exc, AssertionError) and exc.args else None
        if k in failures:
            return failures[k]
        return min(failures.values(), key=lambda po: len(repr(po[0])))
    return None
