"""The learner's own passed functions, loaded for `dltutor demo gpt --mine` and `diffusion --mine`.

A workspace file is used only when its exercise is passed in the progress store, its latest
attempt passed, and the file has not changed since that attempt: a file the grader has not
accepted (a wrong layer_norm, say) never runs. The files are imported here, in the demo's own
subprocess (tutor.demos.runner), never in the TUI or CLI process; their prints land on the
runner's stderr, so they cannot break the JSON stream. Everything missing falls back to PyTorch.

It is learner code, so the runner confines it as the grader does (`confine`): the sources are read
and the progress store closed first, then the grader's audit hook goes up — no reading the course's
solutions, no writing outside a temporary folder, no processes, signals, sockets, ctypes or
databases — and only then does the learner's code run.
"""
from __future__ import annotations

import functools
import os
import sys
import tempfile
import types
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tutor.i18n.catalog import _

# exercise id -> the contract function the gpt demo takes from it (DESIGN.md §3), in the order
# the summary lists them.
PARTS: dict[str, str] = {
    "transformer_block": "transformer_block",
    "multi_head_attention": "multi_head_attention",
    "attention": "scaled_dot_product_attention",
    "layer_norm": "layer_norm",
    "sampling": "sample_next_token",
    "adam": "adamw_step",
}


@dataclass
class LearnerParts:
    functions: dict[str, Callable] = field(default_factory=dict)   # exercise id -> the learner's function
    skipped: dict[str, str] = field(default_factory=dict)          # exercise id -> why it is not used

    def get(self, exercise_id: str) -> Callable | None:
        return self.functions.get(exercise_id)


def guarded(function: Callable, exercise_id: str) -> Callable:
    """The learner's function, its exceptions turned into a message that names it (DemoError)."""
    from tutor.demos.errors import DemoError

    @functools.wraps(function)
    def call(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - learner code: say whose it was
            raise DemoError(_("your {function} (exercise {exercise}) raised {kind}: {error} — run the demo without "
                              "--mine, or fix it and check it again").format(
                function=function.__name__, exercise=exercise_id, kind=type(exc).__name__, error=exc)) from exc

    return call


def _passed_attempt_ts(store, exercise_id: str) -> float | None:
    """When the latest attempt passed, its time; None when it did not (or there was none)."""
    attempts = store.attempts(exercise_id)
    if not attempts or attempts[-1]["status"] != "pass":
        return None
    return float(attempts[-1]["ts"])


# Set by tutor.demos.runner: the demo runs in its own process, which may be confined for good (an
# audit hook cannot be removed). Engines called in-process (tests) leave it off.
CONFINE = False
_confined = False


def confine() -> None:
    """From here on this process runs learner code: raise the grader's audit hook (once)."""
    global _confined
    if not CONFINE or _confined:
        return
    from tutor import paths
    from tutor.grading import guards

    scratch = tempfile.mkdtemp(prefix="dltutor-demo-")
    os.environ["TMPDIR"] = tempfile.tempdir = scratch
    sys.addaudithook(guards.make_audit_hook([str(paths.exercises_dir()), str(paths.lessons_dir())], [scratch], None))
    _confined = True


def learner_module(name: str, path: Path, source: str) -> types.ModuleType:
    """Run a learner file read earlier, inside the confinement."""
    confine()
    module = types.ModuleType(name)
    module.__file__ = str(path)
    exec(compile(source, str(path), "exec"), module.__dict__)
    return module


def read_passed(exercise_ids, store=None, workspace: Path | None = None,
                ) -> tuple[dict[str, tuple[Path, str]], dict[str, str]]:
    """The one way a demo reads a learner's files: (exercise id -> (path, source) for each file
    that may run, exercise id -> why not for the others). A file may run only when its exercise is
    passed, its latest attempt passed and it has not changed since. Nothing is executed here; the
    progress store is closed before the caller runs anything (`learner_module`)."""
    from tutor import paths
    from tutor.progress.store import open_store

    own_store = store is None
    store = open_store() if own_store else store
    workspace = workspace or paths.workspace_dir()
    sources: dict[str, tuple[Path, str]] = {}
    skipped: dict[str, str] = {}
    try:  # decide and read everything first: once learner code runs, the store is out of reach
        states = store.exercise_states()
        for exercise_id in exercise_ids:
            state = states.get(exercise_id)
            path = workspace / f"{exercise_id}.py"
            if state is None or state.status != "passed":
                skipped[exercise_id] = _("not passed yet")
                continue
            passed_at = _passed_attempt_ts(store, exercise_id)
            if passed_at is None:
                skipped[exercise_id] = _("its latest check did not pass")
                continue
            if not path.exists():
                skipped[exercise_id] = _("no workspace file {name}").format(name=path.name)
                continue
            if path.stat().st_mtime > passed_at + 1e-3:
                skipped[exercise_id] = _("the file changed after it passed: check it again")
                continue
            try:
                sources[exercise_id] = (path, path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError) as exc:
                skipped[exercise_id] = _("reading it failed: {error}").format(error=exc)
    finally:
        if own_store:
            store.close()
    return sources, skipped


def load(exercise_ids=None, store=None, workspace: Path | None = None) -> LearnerParts:
    """Import the passed workspace files among `exercise_ids` (default: all of PARTS)."""
    sources, skipped = read_passed(exercise_ids or PARTS, store, workspace)
    parts = LearnerParts(skipped=skipped)
    for exercise_id, (path, source) in sources.items():
        function_name = PARTS[exercise_id]
        try:
            function = getattr(learner_module(f"dltutor_learner_{exercise_id}", path, source), function_name)
        except Exception as exc:  # noqa: BLE001 - learner code: any failure means "not used"
            parts.skipped[exercise_id] = _("importing it raised {kind}: {error}").format(kind=type(exc).__name__, error=exc)
            continue
        if not callable(function):
            parts.skipped[exercise_id] = _("{name} is not a function").format(name=function_name)
            continue
        parts.functions[exercise_id] = guarded(function, exercise_id)
    return parts


def heads_around(attention: Callable) -> Callable:
    """multi_head_attention's contract built around the learner's scaled_dot_product_attention:
    the projections and the head split are PyTorch's, each head's attention is theirs."""
    def multi_head_attention(query, key, value, in_proj_weight, in_proj_bias, out_proj_weight, out_proj_bias,
                             num_heads, mask=None):
        import torch.nn.functional as F

        batch, length, model_dim = query.shape
        head_dim = model_dim // num_heads
        w_q, w_k, w_v = in_proj_weight.chunk(3)
        b_q, b_k, b_v = in_proj_bias.chunk(3)

        def split(x, w, b):
            return F.linear(x, w, b).reshape(batch, x.shape[1], num_heads, head_dim).transpose(1, 2)

        out, _ = attention(split(query, w_q, b_q), split(key, w_k, b_k), split(value, w_v, b_v), mask)
        return F.linear(out.transpose(1, 2).reshape(batch, length, model_dim), out_proj_weight, out_proj_bias)

    return multi_head_attention


class LearnerAdamW:
    """An optimiser whose step is the learner's adamw_step (the states stay opaque, as in the contract)."""

    def __init__(self, params, adamw_step: Callable, lr: float, betas=(0.9, 0.999), eps: float = 1e-8,
                 weight_decay: float = 0.0) -> None:
        self.params = [p for p in params if p.requires_grad]
        self.adamw_step = adamw_step
        self.lr, self.betas, self.eps, self.weight_decay = lr, betas, eps, weight_decay
        self.states: list = [None] * len(self.params)

    def zero_grad(self, set_to_none: bool = True) -> None:
        for p in self.params:
            p.grad = None

    def step(self) -> None:
        import torch

        with torch.no_grad():
            values = [p.detach().clone() for p in self.params]
            grads = [p.grad.detach().clone() if p.grad is not None else torch.zeros_like(p) for p in self.params]
            new_values, self.states = self.adamw_step(values, grads, self.states, self.lr, betas=self.betas,
                                                      eps=self.eps, weight_decay=self.weight_decay)
            for p, new in zip(self.params, new_values):
                if not bool(torch.isfinite(new).all()):
                    raise FloatingPointError("your adamw_step returned non-finite parameters")
                p.copy_(new)
