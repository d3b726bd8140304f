"""Compare what the learner returned with what the oracle returned, stage by stage.

Stages, in order: type, structure (tuple length), shape, dtype, device, finite values, values.
Each mismatch carries a message written for a learner: what was expected, what came back,
and where a guess fits, why.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import torch

from tutor.i18n.catalog import _, ngettext


@dataclass
class Foreign:
    """A value the learner returned that is not plain data (a numpy array, a module…)."""
    kind: str
    text: str


@dataclass
class Mismatch:
    stage: str
    message: str


def unpack(value):
    """Turn the sandbox's sanitized reply back into Python values."""
    if isinstance(value, dict):
        if "__tensor__" in value:
            return value["__tensor__"]
        if "__tuple__" in value:
            return tuple(unpack(v) for v in value["__tuple__"])
        if "__dict__" in value:
            return {k: unpack(v) for k, v in value["__dict__"].items()}
        if "__foreign__" in value:
            return Foreign(value["__foreign__"], value.get("repr", ""))
        return {k: unpack(v) for k, v in value.items()}
    if isinstance(value, list):
        return [unpack(v) for v in value]
    return value


def tolerances(dtype: torch.dtype, rtol: float | None, atol: float | None) -> tuple[float, float]:
    if dtype == torch.float64:
        default = (1e-6, 1e-8)
    elif dtype in (torch.float16, torch.bfloat16):
        default = (1e-2, 1e-3)
    else:
        default = (1e-4, 1e-5)
    return (rtol if rtol is not None else default[0], atol if atol is not None else default[1])


def _type_name(value) -> str:
    if isinstance(value, Foreign):
        return value.kind
    if isinstance(value, torch.Tensor):
        return _("a tensor")
    return type(value).__name__


def cell_len(text: str) -> int:
    """Terminal cells `text` takes: two for a wide (CJK) character, one otherwise (no UI import here)."""
    return sum(2 if unicodedata.east_asian_width(char) in ("W", "F") else 1 for char in text)


def shape_text(shape) -> str:
    return "(" + ", ".join(str(int(s)) for s in shape) + ("," if len(shape) == 1 else "") + ")"


def _generic_shape_hint(expected: tuple, got: tuple) -> str | None:
    if len(got) == len(expected) and sorted(got) == sorted(expected):
        return _("the same sizes in another order — is something transposed or permuted?")
    if len(got) == 0 and len(expected) > 0:
        return _("you returned a single number — did you reduce (sum/mean) over too much?")
    if len(expected) == 0 and len(got) > 0:
        return _("a scalar was expected — did you forget to reduce (the mean over the batch)?")
    if len(got) == len(expected) + 1 and 1 in got:
        return _("there is an extra dimension of size 1 — keepdim=True or an unsqueeze too many?")
    if len(got) + 1 == len(expected) and 1 in expected:
        return _("a dimension of size 1 is missing — did you squeeze, or forget keepdim=True?")
    return None


def digits_to_tell_apart(expected: float, got: float, least: int = 6) -> int:
    """The fewest significant digits (at least `least`) at which the two numbers print differently."""
    for digits in range(least, 18):
        if f"{expected:.{digits}g}" != f"{got:.{digits}g}":
            return digits
    return 17


def pair_text(expected: float, got: float) -> str:
    """'expected 1.6892131, got 1.6892137 (off by 6e-07)': enough digits to see the difference."""
    digits = digits_to_tell_apart(expected, got)
    text = _("expected {expected}, got {got}").format(expected=f"{expected:.{digits}g}", got=f"{got:.{digits}g}")
    difference = got - expected
    if difference == difference and abs(difference) != float("inf"):
        text += _(" (off by {difference})").format(difference=f"{difference:.2g}")
    return text


def _worst(expected: torch.Tensor, got: torch.Tensor) -> str:
    diff = (got - expected).abs()
    diff = torch.where(torch.isnan(diff), torch.full_like(diff, float("inf")), diff)
    flat = int(diff.reshape(-1).argmax()) if diff.numel() else 0
    index = tuple(int(i) for i in torch.unravel_index(torch.tensor(flat), expected.shape)) if expected.dim() else ()
    max_abs = float(diff.reshape(-1)[flat]) if diff.numel() else 0.0
    denom = expected.abs().reshape(-1)[flat] if diff.numel() else torch.tensor(1.0)
    max_rel = max_abs / float(denom) if float(denom) != 0 else float("inf")
    where = _(" at index {index}").format(index=list(index)) if index else ""
    exp_v = expected[index].item() if expected.dim() else expected.item()
    got_v = got[index].item() if got.dim() else got.item()
    lines = [_("max abs error {abs_error}, max rel error {rel_error}, worst{where}: {pair}").format(
        abs_error=f"{max_abs:.3g}", rel_error=f"{max_rel:.3g}", where=where, pair=pair_text(exp_v, got_v))]
    if expected.numel() > 1:
        flat_e, flat_g = expected.reshape(-1)[:6], got.reshape(-1)[:6]
        digits = digits_to_tell_apart(exp_v, got_v, least=4)
        fmt = lambda t: "[" + ", ".join(f"{v:.{digits}g}" for v in t.tolist()) + (", …]" if expected.numel() > 6 else "]")
        # "got" under "expected", counted in cells (a translation may use double-width characters).
        head, said, found = _("first values — "), _("expected"), _("got")
        width = max(cell_len(said), cell_len(found))
        lines.append(head + said + " " * (width - cell_len(said) + 1) + fmt(flat_e))
        lines.append(" " * cell_len(head) + found + " " * (width - cell_len(found) + 1) + fmt(flat_g))
    return "\n".join(lines)


def compare(expected, got, rtol: float | None = None, atol: float | None = None, path: str | None = None,
            shape_hint=None) -> Mismatch | None:
    """None when `got` matches `expected`; otherwise the first mismatch found."""
    path = path if path is not None else _("the result")
    if isinstance(got, Foreign):
        extra = _(" — keep to torch operations: a NumPy array carries no gradient, and torch.as_tensor at the end "
                  "would give back the values but not the gradients") if "numpy" in got.kind else ""
        return Mismatch("type", _("{path} should be {kind}, but your code returned a {got}{extra}").format(
            path=path, kind=_type_name(expected), got=got.kind, extra=extra))
    if isinstance(expected, torch.Tensor):
        if not isinstance(got, torch.Tensor):
            return Mismatch("type", _("{path} should be a tensor, but your code returned {kind} ({value})").format(
                path=path, kind=_type_name(got), value=f"{got!r:.80}"))
        if tuple(got.shape) != tuple(expected.shape):
            hint = (shape_hint(tuple(expected.shape), tuple(got.shape)) if shape_hint else None) \
                or _generic_shape_hint(tuple(expected.shape), tuple(got.shape))
            tail = f" — {hint}" if hint else ""
            return Mismatch("shape", _("{path}: expected shape {expected}, got {got}").format(
                path=path, expected=shape_text(expected.shape), got=shape_text(got.shape)) + tail)
        if got.dtype != expected.dtype:
            return Mismatch("dtype", _("{path}: expected dtype {expected}, got {got} — keep the input's dtype (avoid "
                                       "creating tensors without dtype=…, or calling .float()/.double())").format(
                path=path, expected=expected.dtype, got=got.dtype))
        if got.device.type != expected.device.type:
            return Mismatch("device", _("{path}: the inputs were on {expected} but your result is on {got} — create "
                                        "new tensors with device=x.device (or torch.zeros_like)").format(
                path=path, expected=expected.device.type, got=got.device.type))
        exp_cpu, got_cpu = expected.detach().cpu(), got.detach().cpu()
        if exp_cpu.is_floating_point():
            exp_finite, got_finite = torch.isfinite(exp_cpu), torch.isfinite(got_cpu)
            if bool((exp_finite & ~got_finite).any()):
                bad = int((exp_finite & ~got_finite).sum())
                kinds = []
                if bool(torch.isnan(got_cpu).any()):
                    kinds.append("NaN")
                if bool(torch.isinf(got_cpu).any()):
                    kinds.append("inf")
                return Mismatch("finite", ngettext(
                    "{path} has {count} {kinds} value where the answer is finite — a numerical-stability problem (an "
                    "exp that overflows, a log of 0, a division by 0) on these inputs",
                    "{path} has {count} {kinds} values where the answer is finite — a numerical-stability problem (an "
                    "exp that overflows, a log of 0, a division by 0) on these inputs", bad).format(
                    path=path, count=bad, kinds="/".join(kinds)))
            r, a = tolerances(exp_cpu.dtype, rtol, atol)
            close = torch.isclose(got_cpu, exp_cpu, rtol=r, atol=a, equal_nan=True)
            if not bool(close.all()):
                return Mismatch("values", _("{path} has wrong values: ").format(path=path) + _worst(exp_cpu, got_cpu))
        elif not torch.equal(exp_cpu, got_cpu):
            return Mismatch("values", _("{path} has wrong values: ").format(path=path) + _(
                "expected {expected}, got {got}").format(expected=f"{exp_cpu.tolist()!r:.200}",
                                                         got=f"{got_cpu.tolist()!r:.200}"))
        return None
    if isinstance(expected, (tuple, list)):
        if not isinstance(got, (tuple, list)):
            return Mismatch("type", _("{path} should be a {kind} of {count} items, got {got}").format(
                path=path, kind=type(expected).__name__, count=len(expected), got=_type_name(got)))
        if len(got) != len(expected):
            return Mismatch("type", _("{path} should have {count} items, got {got}").format(
                path=path, count=len(expected), got=len(got)))
        for i, (e, g) in enumerate(zip(expected, got)):
            mismatch = compare(e, g, rtol, atol, f"{path}[{i}]", shape_hint)
            if mismatch:
                return mismatch
        return None
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return Mismatch("type", _("{path} should be a dict, got {got}").format(path=path, got=_type_name(got)))
        if set(got) != set(expected):
            return Mismatch("type", _("{path} should have the keys {expected}, got {got}").format(
                path=path, expected=sorted(expected), got=sorted(got)))
        for key in expected:
            mismatch = compare(expected[key], got[key], rtol, atol, f"{path}[{key!r}]", shape_hint)
            if mismatch:
                return mismatch
        return None
    if isinstance(expected, bool) or isinstance(expected, int):
        if isinstance(got, torch.Tensor) and got.numel() == 1 and not got.is_floating_point():
            got = int(got.item())
        if not isinstance(got, int) or isinstance(got, bool) != isinstance(expected, bool):
            return Mismatch("type", _("{path} should be {kind}, got {got} ({value})").format(
                path=path, kind=type(expected).__name__, got=_type_name(got), value=f"{got!r:.60}"))
        if got != expected:
            return Mismatch("values", f"{path}: " + _("expected {expected}, got {got}").format(expected=expected, got=got))
        return None
    if isinstance(expected, float):
        if isinstance(got, torch.Tensor):
            return Mismatch("type", _("{path} should be a Python float (use .item()), got a tensor").format(path=path))
        if not isinstance(got, (int, float)) or isinstance(got, bool):
            return Mismatch("type", _("{path} should be a float, got {got}").format(path=path, got=_type_name(got)))
        r, a = tolerances(torch.float32, rtol, atol)
        if not (abs(got - expected) <= a + r * abs(expected) or (got != got and expected != expected)):
            return Mismatch("values", f"{path}: {pair_text(expected, float(got))}")
        return None
    if expected is None:
        return None if got is None else Mismatch("type", _("{path} should be None, got {got}").format(
            path=path, got=_type_name(got)))
    if expected != got:
        return Mismatch("values", f"{path}: " + _("expected {expected}, got {got}").format(
            expected=f"{expected!r:.80}", got=f"{got!r:.80}"))
    return None


def named_outputs(names: tuple, hint=None):
    """A Check's compare_output for a returned tuple (dx, dw, db…): each element compared under its own
    name, with `hint(name, expected_shape, got_shape)` for shape mismatches."""
    def check(expected, got):
        if not isinstance(got, (tuple, list)) or len(got) != len(expected):
            kind = f"{len(got)} values" if isinstance(got, (tuple, list)) else type(got).__name__
            return f"return a tuple of {len(expected)} tensors ({', '.join(names)}); got {kind}"
        for name, e, g in zip(names, expected, got):
            mismatch = compare(e, g, path=name, shape_hint=(lambda es, gs, n=name: hint(n, es, gs)) if hint else None)
            if mismatch:
                return mismatch.message
        return None
    return check


def same(a, b, rtol=None, atol=None) -> bool:
    """Do two outputs agree (NaN equal to NaN)? Used to match a learner's output to a wrong variant."""
    return compare(a, b, rtol, atol) is None
