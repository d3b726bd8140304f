"""The grader: run an exercise's checks against a learner's file and explain what went wrong.

Flow for one run:
  1. static checks in this process: the file parses (line and caret), no forbidden API is used;
  2. a sandboxed child imports the file (syntax/import errors, missing functions, "did you mean");
  3. each Check builds calls from fixed cases and hypothesis-drawn parameters; the oracle runs
     here, the learner's code runs in the child; outputs are compared stage by stage;
  4. on a wrong value, the exercise's named wrong variants run on the same inputs: matching one
     names the classic mistake;
  5. a note check (Check.note) that mismatches still passes: right code with a known weakness is
     accepted, and the test carries the weakness's explanation and the case that shows it.
Inputs, oracle outputs and verdicts never leave this process.
"""
from __future__ import annotations

import difflib
import random
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import torch

from tutor.content import Exercise
from tutor.content.check_phrases import DEFINES, FILE_IMPORTS, NO_FORBIDDEN_APIS
from tutor.devices import resolve_device
from tutor.grading import cases, forbidden, messages
from tutor.grading.calls import clone, execute, to_device
from tutor.grading.compare import Mismatch, compare, unpack
from tutor.grading.diagnose import identify_mistake
from tutor.grading.exercise_files import exercise_checks, exercise_harness, hidden_roots, variant_modules
from tutor.grading.result import GradeResult, TestResult, overall_status
from tutor.grading.sandbox_client import Budget, Sandbox, SandboxDied
from tutor.grading.spec import Call, Check
from tutor.i18n.catalog import _, ngettext

STARTUP_BUDGET_S = 120.0

# Grading tensors are tiny: one thread is fastest, and it keeps OpenMP from spinning on a busy machine.
torch.set_num_threads(1)


# -- the run ---------------------------------------------------------------------------------
@dataclass
class _Outcome:
    ok: bool
    mismatch: Mismatch | None = None
    error: dict | None = None
    got: object = None
    expected: object = None
    call: Call | None = None          # what was run, for the counterexample and the fingerprints
    grad_out: object = None

    @property
    def values_right(self) -> bool:
        """The forward values matched (whatever the gradients did)."""
        return self.ok or (self.mismatch is not None and self.mismatch.stage == "gradient")


@dataclass
class Run:
    exercise: Exercise
    learner_file: Path
    seed: int
    device: str
    cancel_check: object = None
    tests: list[TestResult] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.checks = exercise_checks(self.exercise)
        self.harness = exercise_harness(self.exercise)
        self.budget = Budget(self.exercise.timeout)
        self.sandbox: Sandbox | None = None
        self.dead: SandboxDied | None = None
        self._variants: dict[str, Any] | None = None
        self.unimplemented: set[str] = set()
        self.refused: set[str] = set()        # functions that reached a forbidden API: their later checks are skipped
        self.cases_run = 0                    # cases whose forward values were compared…
        self.values_right = 0                 # …and how many of them were right

    # Trusted code in this process: the oracle, or one of the exercise's named wrong variants.
    def reference(self, namespace: Any, call: Call, grad_out: Any) -> tuple[Any, Any]:
        request = {"fn": call.fn, "args": clone(to_device(call.args, self.device)),
                   "kwargs": clone(to_device(call.kwargs, self.device)), "grad_wrt": tuple(call.grad_wrt),
                   "harness": call.harness, "grad_out": grad_out}
        out, grads = execute(namespace, request, self.harness)
        return clone(out), grads

    def variants(self) -> dict[str, Any]:
        if self._variants is None:
            self._variants = variant_modules(self.exercise)
        return self._variants

    def identify_mistake(self, call: Call, got: Any, grad_out: Any, check: Check) -> str | None:
        return identify_mistake(self.checks, self.variants(), self.reference, call, got, grad_out, check)

    def prepare(self, check: Check, params: dict):
        """Build the call for one case and run the oracle on it (here, in the grading process)."""
        generator = torch.Generator().manual_seed(cases.case_seed(self.seed, check, params))
        call = check.build(params, generator)
        plain = replace(call, grad_wrt=())
        expected, expected_grads = self.reference(self.checks.ORACLE, plain, None)
        grad_out = None
        if check.grad and call.grad_wrt:
            outputs = expected if isinstance(expected, (tuple, list)) else (expected,)
            grad_out = [torch.randn(o.shape, generator=generator, dtype=o.dtype).to(o.device)
                        if isinstance(o, torch.Tensor) and o.is_floating_point() else None for o in outputs]
            expected, expected_grads = self.reference(self.checks.ORACLE, call, grad_out)
        else:
            call = plain
        return call, grad_out, expected, expected_grads

    def payload(self, call: Call, grad_out) -> dict:
        return {"op": "call", "fn": call.fn, "args": to_device(call.args, self.device),
                "kwargs": to_device(call.kwargs, self.device), "grad_wrt": tuple(call.grad_wrt),
                "harness": call.harness, "grad_out": to_device(grad_out, self.device) if grad_out is not None else None}

    def run_case(self, check: Check, params: dict) -> _Outcome:
        assert self.sandbox is not None
        call, grad_out, expected, expected_grads = self.prepare(check, params)
        reply = self.sandbox.request(self.payload(call, grad_out), self.budget)
        return self.evaluate(check, call, grad_out, expected, expected_grads, reply)

    def run_batch(self, check: Check, case_params: list[dict]) -> list[_Outcome]:
        assert self.sandbox is not None
        prepared = [self.prepare(check, params) for params in case_params]
        reply = self.sandbox.request({"op": "batch", "calls": [self.payload(c, g) for c, g, _, _ in prepared]},
                                     self.budget)
        return [self.evaluate(check, c, g, e, eg, r) for (c, g, e, eg), r in zip(prepared, reply["replies"])]

    def evaluate(self, check: Check, call: Call, grad_out, expected, expected_grads, reply: dict) -> _Outcome:
        if reply["kind"] == "exception":
            return _Outcome(False, error=reply["error"], call=call, grad_out=grad_out)
        got = unpack(reply["value"])
        hint = getattr(self.checks, "shape_hint", None)
        shape_hint = (lambda e, g: hint(call, e, g)) if hint else None
        rtol, atol = (0.0, float("inf")) if check.finite_only else (check.rtol, check.atol)
        mismatch: Mismatch | None
        if check.compare_output is not None:   # the exercise judges this output itself (statistics, tuples…)
            problem = check.compare_output(expected, got)
            mismatch = Mismatch("values", problem) if problem else None
        else:
            mismatch = compare(expected, got, rtol, atol, shape_hint=shape_hint)
        if mismatch is None and grad_out is not None:
            grads = reply.get("grads")
            if grads is None:
                mismatch = Mismatch("gradient", messages.no_grads())
            elif grads == "disconnected":
                mismatch = Mismatch("gradient", messages.disconnected())
            else:
                names = [messages.argument_name(k) if isinstance(k, int) else k for k in call.grad_wrt]
                for name, e, g in zip(names, expected_grads, grads or []):
                    if e is None:
                        continue
                    if g is None:
                        mismatch = Mismatch("gradient", messages.unused_input(name))
                        break
                    m = compare(e, g, rtol, atol, path=messages.gradient_path(name))
                    if m:
                        mismatch = Mismatch("gradient", m.message + messages.gradient_causes())
                        break
        return _Outcome(mismatch is None, mismatch=mismatch, got=got, expected=expected, call=call, grad_out=grad_out)

    # turning outcomes into test results
    def failure(self, check: Check, params: dict, outcome: _Outcome) -> TestResult:
        call = outcome.call
        example = (cases.counterexample(check, params, call, self.seed, self.checks.ORACLE) if call
                   else {"check": check.name, "params": params, "seed": self.seed})
        if outcome.error:
            return self.error_result(check.name, outcome.error, example, check)
        if check.note:
            return self.noted(check, outcome, example)
        mismatch = outcome.mismatch
        assert mismatch is not None and call is not None   # not an error, not ok: a compared mismatch
        mistake = None
        if mismatch.stage in ("values", "finite", "shape", "gradient", "type"):
            try:
                mistake = self.identify_mistake(call, outcome.got, outcome.grad_out, check)
            except Exception:
                mistake = None
        explanation = self.exercise.mistakes[mistake].explanation if mistake in self.exercise.mistakes else None
        return TestResult(check.name, "fail", mismatch.message, mistake=mistake, counterexample=example,
                          stage=mismatch.stage, mistake_explanation=explanation)

    def noted(self, check: Check, outcome: _Outcome, example: dict) -> TestResult:
        """A note check that mismatched: accepted, and taught — a pass that says what this case shows.
        A note on gradients is about right values: where the values are wrong (other checks fail on
        them) it would teach something untrue, so the check is not judged."""
        assert check.note is not None
        if check.grad and not outcome.values_right:
            return TestResult(check.name, "skipped", _("not judged: the values are wrong on these inputs (see the "
                                                       "checks that failed)"), stage="values")
        note = self.exercise.notes.get(check.note)
        return TestResult(check.name, "pass", note.explanation if note else check.note.replace("_", " "),
                          counterexample=example, stage="note", note=check.note)

    def error_result(self, name: str, error: dict, example: dict | None, check: Check | None = None) -> TestResult:
        function = check.function if check else None
        if function and error.get("category") == "not_implemented":
            self.unimplemented.add(function)
        if function and error.get("category") == "forbidden":
            self.refused.add(function)
        return messages.error_result(name, error, example)

    def run_check(self, check: Check) -> TestResult:
        if check.function and check.function in self.unimplemented:
            return TestResult(check.name, "skipped", _("{function} is not implemented yet").format(function=check.function),
                              stage="implemented")
        if check.function and check.function in self.refused:
            return TestResult(check.name, "skipped", _("not run: {function} uses an API this exercise forbids "
                                                       "(see above)").format(function=check.function), stage="forbidden")
        drawn = cases.draw(check, self.seed) if check.strategy is not None else []
        # Fixed cases and drawn cases go in one batch; only a failure pays for case-by-case shrinking.
        outcomes = self.run_batch(check, check.cases + drawn)
        self.cases_run += len(outcomes)
        self.values_right += sum(o.values_right for o in outcomes)
        for params, outcome in zip(check.cases, outcomes):
            if not outcome.ok:
                return self.failure(check, params, outcome)
        first_drawn_failure = next(((p, o) for p, o in zip(drawn, outcomes[len(check.cases):]) if not o.ok), None)
        if first_drawn_failure:
            shrunk = self.search(check)
            return shrunk or self.failure(check, *first_drawn_failure)
        count = len(check.cases) + len(drawn)
        return TestResult(check.name, "pass", ngettext("{count} case passed", "{count} cases passed", count).format(
            count=count))

    def search(self, check: Check) -> TestResult | None:
        """The smallest failing case hypothesis finds (shrinking within a time budget), as a result."""
        found = cases.smallest_failure(
            check, self.seed, lambda params: self.run_case(check, params), passes=lambda o: o.ok,
            stop_early=lambda o: bool(o.error and o.error.get("category") == "not_implemented"), fatal=(SandboxDied,))
        return self.failure(check, *found) if found else None

    def grade(self) -> GradeResult:
        started = time.perf_counter()
        source_ok = self.static_checks()
        if source_ok:
            self.dynamic_checks()
        status = overall_status(self.tests)
        output, dropped = ("", 0)
        if self.sandbox is not None:
            output, dropped = self.sandbox.output()
        return GradeResult(self.exercise.id, status, self.tests, self.seed, time.perf_counter() - started,
                           self.device, output, dropped)

    def static_checks(self) -> bool:
        try:
            source = self.learner_file.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            self.tests.append(TestResult(FILE_IMPORTS, "error", _("the file is not UTF-8 text"), stage="import"))
            return False
        try:
            compile(source, str(self.learner_file), "exec")
        except SyntaxError as exc:
            info = {"line": exc.lineno, "offset": exc.offset, "text": exc.text, "message": exc.msg}
            self.tests.append(TestResult(FILE_IMPORTS, "error", messages.syntax_message(info), stage="import",
                                         counterexample={"line": exc.lineno}))
            return False
        violations = forbidden.scan(source, self.exercise.forbidden)
        if violations:
            self.tests.append(TestResult(NO_FORBIDDEN_APIS, "fail", "\n".join(v.message() for v in violations),
                                         stage="forbidden", counterexample={"line": violations[0].line,
                                                                            "api": violations[0].rule}))
        elif self.exercise.forbidden:
            self.tests.append(TestResult(NO_FORBIDDEN_APIS, "pass",
                                         _("none of ") + ", ".join(forbidden.short_name(r) for r in self.exercise.forbidden)))
        return True

    def dynamic_checks(self) -> None:
        harness_file = self.exercise.folder / "harness.py"
        try:
            self.sandbox = Sandbox(self.learner_file, self.exercise.forbidden, self.device,
                                   harness_file if harness_file.exists() else None, cancel_check=self.cancel_check,
                                   forbidden_ops=self.exercise.forbidden_ops, hidden_roots=hidden_roots(self.exercise))
            # Starting the child may wait for the fork-server to finish importing torch: not the learner's time.
            self.sandbox.receive(Budget(STARTUP_BUDGET_S))
            ready = self.sandbox.receive(self.budget)
        except SandboxDied as died:
            self.tests.append(TestResult(FILE_IMPORTS, died.status, died.message, stage="import"))
            return
        if ready["kind"] == "syntax_error":
            self.tests.append(TestResult(FILE_IMPORTS, "error", messages.syntax_message(ready), stage="import"))
            return
        if ready["kind"] == "import_error":
            self.tests.append(messages.import_failure(ready["error"]))
            return
        self.tests.append(TestResult(FILE_IMPORTS, "pass", _("imported cleanly")))
        defined = set(ready["functions"])
        missing = [f for f in self.exercise.functions if f not in defined]
        for name in missing:
            same_letters = [f for f in sorted(defined) if f.lower() == name.lower()]
            close = same_letters or difflib.get_close_matches(name, sorted(defined), n=1, cutoff=0.6)
            template = (_(" It defines {close}: rename it to {name} (Python names are case-sensitive).")
                        if same_letters else _(" It defines {close}: did you mean to call it {name}?"))
            hint = template.format(close=repr(close[0]), name=repr(name)) if close else ""
            self.tests.append(TestResult(DEFINES + name, "fail", _("your file has no function named {name}.").format(
                name=repr(name)) + hint,
                                         stage="present"))
        if not missing:
            self.tests.append(TestResult(DEFINES + ", ".join(self.exercise.functions), "pass", _("all present")))
        for check in self.checks.CHECKS:
            if self.dead:
                self.tests.append(TestResult(check.name, "skipped", _("not run: an earlier test stopped the process"),
                                             stage="skipped"))
                continue
            if check.function and check.function in missing:
                self.tests.append(TestResult(check.name, "skipped", _("{function} is missing").format(
                    function=check.function), stage="present"))
                continue
            try:
                self.tests.append(self.run_check(check))
            except SandboxDied as died:
                self.dead = died
                self.tests.append(TestResult(check.name, died.status, died.message, stage=died.status))
        messages.forward_values_were_right(self.tests, self.cases_run, self.values_right)


def grade(exercise: Exercise, learner_file: Path, seed: int | None = None, device: str = "auto",
          cancel_check=None) -> GradeResult:
    """Grade one file. Raises Cancelled if cancel_check() turns true mid-run."""
    seed = random.randrange(2**31) if seed is None else int(seed)
    device = resolve_device(device)
    run = Run(exercise, Path(learner_file), seed, device, cancel_check)
    try:
        return run.grade()
    finally:
        if run.sandbox is not None:
            run.sandbox.close()
