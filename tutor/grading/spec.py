"""What an exercise's checks.py declares: the calls to make and the cases to make them on.

An exercise's `checks.py` defines:

    ORACLE   an object whose attributes are the contract functions, written with live PyTorch
    CHECKS   a list of Check, run in order

and optionally `shape_hint(call, expected_shape, got_shape) -> str | None` for a better message
on a shape mismatch, and `diagnose(call, got, expected) -> mistake id | None` for mistakes that a
wrong variant cannot reproduce value-for-value.

A Check turns a dict of parameters (a fixed case, or one drawn by hypothesis) and a seeded
torch.Generator into a Call. The grader runs the call on the oracle here and on the learner's
code in a sandboxed child, then compares.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Call:
    fn: str                                   # a contract function name (or a harness in harness.py)
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    grad_wrt: tuple = ()                      # positions in args (ints) or kwarg names to differentiate
    harness: bool = False                     # fn names a function of the exercise's harness.py
    describe: dict = field(default_factory=dict)   # extra facts for the counterexample


@dataclass
class Check:
    name: str
    build: Callable[[dict, Any], Call]        # (params, torch.Generator) -> Call
    cases: list[dict] = field(default_factory=list)    # fixed cases: always run, in this order
    strategy: Any = None                      # a hypothesis strategy drawing params dicts
    max_examples: int = 20
    grad: bool = False                        # also compare gradients (autograd through the call)
    rtol: float | None = None
    atol: float | None = None
    function: str | None = None               # which contract function this exercises (for skipping)
    compare_output: Callable | None = None    # custom (expected, got) -> message | None
    # Edge cases where libraries differ (BCE at probabilities of exactly 0 or 1): any standard treatment
    # is right, so only type, shape, dtype and finiteness of the values (and gradients) are checked.
    finite_only: bool = False
    # A note check teaches, it never fails: where its comparison mismatches (a right answer with a
    # well-known weakness, like a gradient that is NaN where the library's is 0), the test still
    # passes and carries the manifest's [notes.<id>] explanation and the case.
    note: str | None = None
