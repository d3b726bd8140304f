"""Naming the classic mistake: run the exercise's wrong variants on the failing case and see
which one the learner's output matches (or ask the exercise's own `diagnose`)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tutor.grading.compare import same
from tutor.grading.spec import Call, Check

Reference = Callable[[Any, Call, Any], tuple[Any, Any]]   # (namespace, call, grad_out) -> (out, grads)


def identify_mistake(checks: Any, variants: dict[str, Any], reference: Reference, call: Call, got: Any,
                     grad_out: Any, check: Check) -> str | None:
    """The id of the named mistake whose output equals `got` where the right answer differs, or None."""
    expected, _ = reference(checks.ORACLE, call, grad_out)
    diagnose = getattr(checks, "diagnose", None)
    if diagnose:
        found = diagnose(call, got, expected)
        if found:
            return found
    for mistake_id, module in variants.items():
        try:
            variant_out, _ = reference(module, call, grad_out)
        except Exception:
            continue  # a variant that cannot run this case names nothing
        if same(variant_out, expected, check.rtol, check.atol):
            continue  # this case cannot tell the variant apart from the right answer
        if same(variant_out, got, check.rtol, check.atol):
            return mistake_id
    return None
