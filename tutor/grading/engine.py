"""The grader: run an exercise's checks against a learner's file and explain what went wrong.

Flow for one run:
  1. static checks in this process: the file parses (line and caret), no forbidden API is used;
  2. a sandboxed child imports the file (syntax/import errors, missing functions, "did you mean");
  3. each Check builds calls from fixed cases and hypothesis-drawn parameters; the oracle runs
     here, the learner's code runs in the child; outputs are compared stage by stage;
  4. on a wrong value, the exercise's named wrong variants run on the same inputs: matching one
     names the classic mistake.
Inputs, oracle outputs and verdicts never leave this process.
"""
from __future__ import annotations

import difflib
import hashlib
import importlib.util
import inspect
import random
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import torch

from tutor.content import Exercise
from tutor.grading import forbidden
from tutor.grading.compare import Mismatch, compare, same, unpack
from tutor.grading.result import GradeResult, TestResult, overall_status
from tutor.grading.sandbox import execute as execute_call
from tutor.grading.sandbox import to_device
from tutor.grading.sandbox_client import Budget, Sandbox, SandboxDied
from tutor.grading.spec import Call, Check
from tutor.i18n.catalog import _, ngettext

SHRINK_BUDGET_S = 3.0
STARTUP_BUDGET_S = 120.0

# Grading tensors are tiny: one thread is fastest, and it keeps OpenMP from spinning on a busy machine.
torch.set_num_threads(1)


# -- loading the exercise's own Python files (trusted) -------------------------------------------
_module_cache: dict[tuple[str, float], object] = {}


def load_module(path: Path, name: str):
    key = (str(path), path.stat().st_mtime)
    if key not in _module_cache:
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        _module_cache[key] = module
    return _module_cache[key]


def exercise_checks(exercise: Exercise):
    return load_module(exercise.checks, f"dltutor_checks_{exercise.id}")


def exercise_harness(exercise: Exercise):
    path = exercise.folder / "harness.py"
    return load_module(path, f"dltutor_harness_{exercise.id}") if path.exists() else None


def variant_modules(exercise: Exercise) -> dict[str, object]:
    return {mid: load_module(m.path, f"dltutor_variant_{exercise.id}_{mid}") for mid, m in exercise.mistakes.items()}


def hidden_roots(exercise: Exercise) -> list[Path]:
    """What graded code must not read: the course's exercises (model solutions, checks, wrong
    variants) and lessons, and the tutor package itself (which may hold a bundled copy)."""
    import tutor

    exercises = exercise.folder.parent
    return [exercises, exercises.parent / "lessons", Path(tutor.__file__).resolve().parent]


# -- helpers ----------------------------------------------------------------------------------
def resolve_device(device: str) -> str:
    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cuda" and not torch.cuda.is_available():
        raise ValueError("--device cuda was asked for, but CUDA is not available on this machine")
    return device


def clone(value):
    if isinstance(value, torch.Tensor):
        return value.detach().clone()
    if isinstance(value, tuple):
        return tuple(clone(v) for v in value)
    if isinstance(value, list):
        return [clone(v) for v in value]
    if isinstance(value, dict):
        return {k: clone(v) for k, v in value.items()}
    return value


def describe_value(value) -> object:
    """A short, JSON-able picture of an input: tensors by shape and dtype, numbers as they are."""
    if isinstance(value, torch.Tensor):
        text = f"tensor{tuple(value.shape)} {str(value.dtype).replace('torch.', '')}"
        if value.numel() <= 12:
            text += " = " + repr([round(v, 4) if isinstance(v, float) else v for v in value.reshape(-1).tolist()])
        return text
    if isinstance(value, (list, tuple)):
        return [describe_value(v) for v in value]
    if isinstance(value, (int, float, str, bool)) or value is None:
        return value
    return type(value).__name__


def argument_names(oracle, call: Call) -> list[str]:
    """The oracle's parameter names for the call's positional arguments (x, weight, …)."""
    names = [f"arg{i}" for i in range(len(call.args))]
    if call.harness:
        return names
    try:
        params = list(inspect.signature(getattr(oracle, call.fn)).parameters)
    except (AttributeError, TypeError, ValueError):
        return names
    return [params[i] if i < len(params) else names[i] for i in range(len(call.args))]


def counterexample(check: Check, params: dict, call: Call, seed: int, oracle=None) -> dict:
    described = {"check": check.name, "seed": seed, "params": params, "call": call.fn}
    names = argument_names(oracle, call) if oracle is not None else [f"arg{i}" for i in range(len(call.args))]
    described["inputs"] = {name: describe_value(a) for name, a in zip(names, call.args)}
    described["inputs"].update({k: describe_value(v) for k, v in call.kwargs.items()})
    described.update(call.describe)
    return described


def case_seed(seed: int, check: Check, params: dict) -> int:
    text = f"{seed}|{check.name}|{sorted(params.items())!r}"
    return int(hashlib.sha256(text.encode()).hexdigest()[:12], 16)


def syntax_message(info: dict, path: Path) -> str:
    line, offset, text = info.get("line"), info.get("offset"), (info.get("text") or "").rstrip("\n")
    caret = ""
    if text and offset:
        stripped = text.lstrip()
        shift = len(text) - len(stripped)
        caret = "\n    " + stripped + "\n    " + " " * max(0, offset - 1 - shift) + "^"
    return _("syntax error on line {line}: {message}").format(line=line, message=info.get("message")) + caret


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
        self._variants = None
        self.unimplemented: set[str] = set()
        self.refused: set[str] = set()        # functions that reached a forbidden API: their later checks are skipped
        self.cases_run = 0                    # cases whose forward values were compared…
        self.values_right = 0                 # …and how many of them were right

    # the learner's side
    def reference(self, namespace, call: Call, grad_out):
        request = {"fn": call.fn, "args": clone(to_device(call.args, self.device)),
                   "kwargs": clone(to_device(call.kwargs, self.device)), "grad_wrt": tuple(call.grad_wrt),
                   "harness": call.harness, "grad_out": grad_out}
        out, grads = execute_call(namespace, request, self.harness)
        return clone(out), grads

    def variants(self):
        if self._variants is None:
            self._variants = variant_modules(self.exercise)
        return self._variants

    def identify_mistake(self, call: Call, got, grad_out, got_grads, check: Check) -> str | None:
        expected, _grads = self.reference(self.checks.ORACLE, call, grad_out)
        diagnose = getattr(self.checks, "diagnose", None)
        if diagnose:
            found = diagnose(call, got, expected)
            if found:
                return found
        for mistake_id, module in self.variants().items():
            try:
                variant_out, variant_grads = self.reference(module, call, grad_out)
            except Exception:
                continue
            if same(variant_out, expected, check.rtol, check.atol):
                continue  # this case cannot tell the variant apart from the right answer
            if same(variant_out, got, check.rtol, check.atol):
                return mistake_id
        return None

    def prepare(self, check: Check, params: dict):
        """Build the call for one case and run the oracle on it (here, in the grading process)."""
        generator = torch.Generator().manual_seed(case_seed(self.seed, check, params))
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
        call, grad_out, expected, expected_grads = self.prepare(check, params)
        reply = self.sandbox.request(self.payload(call, grad_out), self.budget)
        return self.evaluate(check, call, grad_out, expected, expected_grads, reply)

    def run_batch(self, check: Check, cases: list[dict]) -> list[_Outcome]:
        prepared = [self.prepare(check, params) for params in cases]
        reply = self.sandbox.request({"op": "batch", "calls": [self.payload(c, g) for c, g, _, _ in prepared]},
                                     self.budget)
        return [self.evaluate(check, c, g, e, eg, r) for (c, g, e, eg), r in zip(prepared, reply["replies"])]

    def evaluate(self, check: Check, call: Call, grad_out, expected, expected_grads, reply: dict) -> _Outcome:
        if reply["kind"] == "exception":
            return _Outcome(False, error=reply["error"], call=call, grad_out=grad_out)
        got = unpack(reply["value"])
        hint = getattr(self.checks, "shape_hint", None)
        shape_hint = (lambda e, g: hint(call, e, g)) if hint else None
        custom = check.compare_output
        rtol, atol = (0.0, float("inf")) if check.finite_only else (check.rtol, check.atol)
        mismatch = (Mismatch("values", custom(expected, got)) if custom and custom(expected, got) else None) if custom \
            else compare(expected, got, rtol, atol, shape_hint=shape_hint)
        if mismatch is None and grad_out is not None:
            grads = reply.get("grads")
            if grads is None:
                mismatch = Mismatch("gradient", _("no gradients came back from your function's result, though the "
                                                  "forward values were right — return a plain tensor computed from the "
                                                  "inputs"))
            elif grads == "disconnected":
                mismatch = Mismatch("gradient", _("the result is not connected to the inputs in the autograd graph — "
                                                  "avoid .item(), .numpy(), torch.tensor(...) of results, .detach() and "
                                                  "torch.no_grad() on the way from inputs to output"))
            else:
                names = [_("argument {number}").format(number=k + 1) if isinstance(k, int) else k for k in call.grad_wrt]
                for name, e, g in zip(names, expected_grads, grads or []):
                    if e is None:
                        continue
                    if g is None:
                        mismatch = Mismatch("gradient", _("no gradient reaches {name}: it is not used on the way to the "
                                                          "result").format(name=name))
                        break
                    m = compare(e, g, rtol, atol, path=_("the gradient with respect to {name}").format(name=name))
                    if m:
                        mismatch = Mismatch("gradient", m.message + "\n" + _(
                            "(something in the computation breaks autograd, like an in-place write into a tensor that "
                            "is needed later, or a derivative that is wrong at a kink such as x = 0)"))
                        break
        return _Outcome(mismatch is None, mismatch=mismatch, got=got, expected=expected, call=call, grad_out=grad_out)

    # turning outcomes into test results
    def failure(self, check: Check, params: dict, outcome: _Outcome) -> TestResult:
        call = outcome.call
        example = (counterexample(check, params, call, self.seed, self.checks.ORACLE) if call
                   else {"check": check.name, "params": params, "seed": self.seed})
        if outcome.error:
            return self.error_result(check.name, outcome.error, example, check)
        mismatch = outcome.mismatch
        mistake = None
        if mismatch.stage in ("values", "finite", "shape", "gradient", "type"):
            try:
                mistake = self.identify_mistake(call, outcome.got, outcome.grad_out, None, check)
            except Exception:
                mistake = None
        explanation = self.exercise.mistakes[mistake].explanation if mistake in self.exercise.mistakes else None
        return TestResult(check.name, "fail", mismatch.message, mistake=mistake, counterexample=example,
                          stage=mismatch.stage, mistake_explanation=explanation)

    def error_result(self, name: str, error: dict, example: dict | None, check: Check | None = None) -> TestResult:
        category = error.get("category")
        where = _(" (line {line})").format(line=error["line"]) if error.get("line") else ""
        if category == "not_implemented":
            if check and check.function:
                self.unimplemented.add(check.function)
            return TestResult(name, "fail", _("not implemented yet{where}: replace `raise NotImplementedError` with your "
                                              "code").format(where=where),
                              stage="implemented")
        if category == "forbidden":
            if check and check.function:
                self.refused.add(check.function)
            return TestResult(name, "fail", error["message"] + where, counterexample=example, stage="forbidden")
        if category == "recursion":
            return TestResult(name, "error", _("RecursionError{where}: your function calls itself without end").format(
                                  where=where),
                              counterexample=example, stage="crash")
        if category == "memory":
            return TestResult(name, "error", _("your code ran out of memory{where}: {message}").format(
                                  where=where, message=error["message"]),
                              counterexample=example, stage="memory")
        if category == "exit":
            return TestResult(name, "error", error["message"] + where + _(" — return a value instead"), stage="crash")
        trace = f"\n{error['traceback'].rstrip()}" if error.get("traceback") else ""
        return TestResult(name, "fail", _("your code raised {type}{where}: {message}").format(
                              type=error["type"], where=where, message=error["message"]) + trace,
                          counterexample=example, stage="exception")

    def run_check(self, check: Check) -> TestResult:
        if check.function and check.function in self.unimplemented:
            return TestResult(check.name, "skipped", _("{function} is not implemented yet").format(
                function=check.function), stage="implemented")
        if check.function and check.function in self.refused:
            return TestResult(check.name, "skipped", _("not run: {function} uses an API this exercise forbids "
                                                       "(see above)").format(function=check.function), stage="forbidden")
        drawn = self.draw(check) if check.strategy is not None else []
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

    def draw(self, check: Check) -> list[dict]:
        """The parameter dicts hypothesis generates for this check and seed (no learner code runs)."""
        from hypothesis import HealthCheck, Phase, Verbosity, given, seed, settings

        drawn: list[dict] = []

        @settings(max_examples=check.max_examples, deadline=None, database=None, suppress_health_check=list(HealthCheck),
                  verbosity=Verbosity.quiet, phases=[Phase.generate])
        @seed(self.seed)
        @given(check.strategy)
        def collect(params):
            drawn.append(params)

        collect()
        return drawn

    def search(self, check: Check) -> TestResult | None:
        """Hypothesis-drawn cases; a failure is shrunk (within a time budget) to the smallest case."""
        from hypothesis import HealthCheck, Phase, Verbosity, given, seed, settings

        failures: dict[str, tuple[dict, _Outcome]] = {}
        state = {"first_fail": None, "stop": None}

        def key(params):
            return repr(sorted(params.items()))

        @settings(max_examples=check.max_examples, deadline=None, database=None, derandomize=False,
                  suppress_health_check=list(HealthCheck), verbosity=Verbosity.quiet,
                  phases=[Phase.generate, Phase.shrink], report_multiple_bugs=False, print_blob=False)
        @seed(self.seed)
        @given(check.strategy)
        def prop(params):
            k = key(params)
            if k not in failures:
                if state["stop"] is not None:
                    return  # out of time, or nothing left to learn: unseen candidates count as passing
                if state["first_fail"] and time.perf_counter() - state["first_fail"] > SHRINK_BUDGET_S:
                    state["stop"] = "budget"
                    return
                outcome = self.run_case(check, params)
                if outcome.ok:
                    return
                failures[k] = (params, outcome)
                state["first_fail"] = state["first_fail"] or time.perf_counter()
                if outcome.error and outcome.error.get("category") == "not_implemented":
                    state["stop"] = "not_implemented"
            raise AssertionError(k)  # one raise site, so hypothesis sees one consistent failure

        try:
            prop()
        except SandboxDied:
            raise
        except Exception as exc:  # AssertionError, or hypothesis's own wrappers around it
            if not failures:
                raise
            k = str(exc.args[0]) if isinstance(exc, AssertionError) and exc.args else None
            if k in failures:
                params, outcome = failures[k]
            else:
                params, outcome = min(failures.values(), key=lambda po: len(repr(po[0])))
            return self.failure(check, params, outcome)
        return None

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
            self.tests.append(TestResult("file imports", "error", _("the file is not UTF-8 text"), stage="import"))
            return False
        try:
            compile(source, str(self.learner_file), "exec")
        except SyntaxError as exc:
            info = {"line": exc.lineno, "offset": exc.offset, "text": exc.text, "message": exc.msg}
            self.tests.append(TestResult("file imports", "error", syntax_message(info, self.learner_file), stage="import",
                                         counterexample={"line": exc.lineno}))
            return False
        violations = forbidden.scan(source, self.exercise.forbidden)
        if violations:
            self.tests.append(TestResult("no forbidden APIs", "fail", "\n".join(v.message() for v in violations),
                                         stage="forbidden", counterexample={"line": violations[0].line,
                                                                            "api": violations[0].rule}))
        elif self.exercise.forbidden:
            self.tests.append(TestResult("no forbidden APIs", "pass",
                                         _("none of {apis}").format(
                                             apis=", ".join(forbidden.short_name(r) for r in self.exercise.forbidden))))
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
            self.tests.append(TestResult("file imports", died.status, died.message, stage="import"))
            return
        if ready["kind"] == "syntax_error":
            self.tests.append(TestResult("file imports", "error", syntax_message(ready, self.learner_file), stage="import"))
            return
        if ready["kind"] == "import_error":
            error = ready["error"]
            where = _(" on line {line}").format(line=error["line"]) if error.get("line") else ""
            extra = ""
            if error["type"] in ("ModuleNotFoundError", "ImportError"):
                extra = _(" — is the module installed, and is its name spelled right?")
            if error.get("category") == "forbidden":
                self.tests.append(TestResult("file imports", "fail", _("importing your file was refused{where}: "
                                                                       "{message}").format(
                                                 where=where, message=error["message"]), stage="forbidden"))
                return
            self.tests.append(TestResult("file imports", "error", _("importing your file raised {type}{where}: "
                                                                    "{message}").format(
                                             type=error["type"], where=where, message=error["message"]) + extra,
                                         stage="import"))
            return
        self.tests.append(TestResult("file imports", "pass", _("imported cleanly")))
        defined = set(ready["functions"])
        missing = [f for f in self.exercise.functions if f not in defined]
        for name in missing:
            close = difflib.get_close_matches(name, sorted(defined), n=1, cutoff=0.6)
            hint = _(" Did you mean to name {found!r} {name!r}?").format(found=close[0], name=name) if close else ""
            self.tests.append(TestResult(f"defines {name}", "fail", _("your file has no function named {name!r}.").format(
                name=name) + hint, stage="present"))
        if not missing:
            self.tests.append(TestResult("defines " + ", ".join(self.exercise.functions), "pass", _("all present")))
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
        self.say_forward_values_were_right()

    def say_forward_values_were_right(self) -> None:
        """When only gradients failed, say first that every forward value was right (a numpy port of
        correct code, or a .item() on the way, fails only there, and the learner must see why at once)."""
        failing = [t for t in self.tests if t.status not in ("pass", "skipped")]
        if not failing or any(t.stage != "gradient" for t in failing) or self.values_right != self.cases_run:
            return
        first = failing[0]
        first.message = _("The forward values were right on all {count} cases; only the gradients are wrong.").format(
            count=self.cases_run) + "\n" + first.message


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
