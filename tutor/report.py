"""A grade, arranged for reading: the verdict, then the named mistake, then the first failing
check with its smallest case written as a call, then everything else.

Both the CLI (`dltutor check`) and the app's results pane draw from a `Report`, so the two say
the same thing in the same order. Built from the `dltutor check --json` dict (GradeResult.to_json);
no UI imports here, and nothing heavy: the CLI's start-up path may import it.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from tutor.content.check_phrases import check_label
from tutor.i18n.catalog import N_, _, ngettext

# status -> the verdict's first word. The verdict always holds PASS or FAIL (the CLI/tmux
# contract, kept in every language's translation); error and timeout say which kind of failure
# it was. Marked here, translated when a report is built.
VERDICT_WORDS = {"pass": N_("PASS"), "fail": N_("FAIL"), "error": N_("FAIL (ERROR)"),
                 "timeout": N_("FAIL (TIMEOUT)")}
NOT_RUN = "skipped"
PASSED = ("pass", NOT_RUN)

# What `describe_value` (tutor/grading/engine.py) writes for a tensor: "tensor(2, 3) float32",
# with " = [v, …]" after it for small ones.
_TENSOR = re.compile(r"^tensor\((?P<shape>[^)]*)\) (?P<dtype>\w+)(?: = (?P<values>.*))?$", re.S)
# Counterexample keys that are about the case itself, not extra facts to list.
_CASE_KEYS = ("check", "seed", "params", "call", "inputs", "line", "api")
# Labels of the facts exercises add to a case (checks.py `describe=`) that are words, not the names
# of a parameter: said in the learner's language (the facts' values come translated from checks.py).
FACT_LABELS = {"note": N_("note"), "returns": N_("returns"), "model": N_("model"), "steps": N_("steps"),
               "values": N_("values"), "x shape": N_("x shape"), "batch sizes": N_("batch sizes"),
               "images": N_("images"), "loader": N_("loader")}


@dataclass(frozen=True)
class MistakeNote:
    """A classic mistake the grader recognised in the learner's output."""
    id: str
    title: str
    explanation: str              # Markdown


@dataclass(frozen=True)
class PassNote:
    """Right code with a well-known weakness, taught on a pass (a note check, Check(note=id))."""
    id: str
    title: str
    explanation: str              # Markdown
    case: CaseCall | None         # the case that shows the weakness


@dataclass(frozen=True)
class CaseCall:
    """The smallest failing case, as the call that fails: `conv2d(x: (1, 2, 4, 5), padding=1)`."""
    call: str | None              # None when the case has no call (only parameters)
    facts: str                    # "float64 tensors · seed 1"
    values: list[tuple[str, str]] = field(default_factory=list)   # small tensors' values
    extras: list[tuple[str, str]] = field(default_factory=list)   # other facts the check adds

    def lines(self) -> list[str]:
        out = [self.call] if self.call else []
        if self.facts:
            out.append(self.facts)
        for name, value in self.values:
            out += _value_lines(name, value)
        out += [f"{name}: {value}" for name, value in self.extras]
        return out


@dataclass(frozen=True)
class Failure:
    """One check that did not pass."""
    name: str
    status: str                   # fail | error | timeout
    message: str
    case: CaseCall | None
    mistake: MistakeNote | None


@dataclass(frozen=True)
class CheckLine:
    name: str
    status: str                   # pass | fail | error | timeout | skipped
    message: str


@dataclass(frozen=True)
class Report:
    status: str
    word: str                     # PASS, FAIL, FAIL (ERROR), FAIL (TIMEOUT)
    detail: str                   # "all 10 checks passed", "2 of 10 checks failed"
    mistake: MistakeNote | None   # the first named mistake, explained once
    first: Failure | None         # the first failing check
    later: list[Failure]          # the other failing checks, in order
    checks: list[CheckLine]       # every check, in order
    seed: Any
    device: str
    output: str
    output_lines_dropped: int
    notes: list[PassNote] = field(default_factory=list)   # the notes of passing note checks, in order

    @property
    def verdict(self) -> str:
        return f"{self.word}  {self.detail}"

    @property
    def passed(self) -> bool:
        return self.status == "pass"


# -- building -----------------------------------------------------------------------------------

def build_report(result: dict, exercise=None) -> Report:
    """Arrange a `check --json` dict; `exercise` (a content Exercise) supplies mistake titles and
    the signature defaults that a readable call leaves out."""
    tests = result.get("tests") or []
    status = result.get("status", "fail")
    folder = getattr(exercise, "folder", None)

    def label(test: dict) -> str:     # the check's name as the reader's language has it (JSON keeps English)
        name = str(test.get("name", ""))
        return check_label(folder, name)

    failures: list[Failure] = []
    mistake: MistakeNote | None = None
    for test in tests:
        if test.get("status") in PASSED:
            continue
        note = mistake_note(test, exercise)
        if mistake is None and note is not None:
            mistake = note
        failures.append(Failure(label(test), str(test.get("status")), str(test.get("message") or ""),
                                case_call(test.get("counterexample"), exercise), note))
    noted = [pass_note(t, exercise) if t.get("note") and t.get("status") == "pass" else None for t in tests]
    # A noted check's line says what the note is about (its explanation is said once, in its own block).
    checks = [CheckLine(label(t), str(t.get("status", "")), _("good to know: {title}").format(title=note.title)
                        if note else str(t.get("message") or "")) for t, note in zip(tests, noted)]
    return Report(status=status, word=_(VERDICT_WORDS.get(status, VERDICT_WORDS["fail"])), detail=verdict_detail(status, tests),
                  mistake=mistake, first=failures[0] if failures else None, later=failures[1:], checks=checks,
                  seed=result.get("seed"), device=str(result.get("device", "cpu")),
                  output=str(result.get("output") or ""), output_lines_dropped=int(result.get("output_lines_dropped") or 0),
                  notes=[note for note in noted if note])


def verdict_detail(status: str, tests: list[dict]) -> str:
    """'all 10 checks passed' / '2 of 10 checks failed' / '1 of 10 failed, 6 not run'."""
    total = len(tests)
    if status == "pass":
        return ngettext("all {total} check passed", "all {total} checks passed", total).format(total=total)
    failed = sum(t.get("status") not in PASSED for t in tests)
    skipped = sum(t.get("status") == NOT_RUN for t in tests)
    if skipped:
        return _("{failed} of {total} failed, {skipped} not run").format(failed=failed, total=total, skipped=skipped)
    return ngettext("{failed} of {total} check failed", "{failed} of {total} checks failed", total).format(
        failed=failed, total=total)


def mistake_note(test: dict, exercise=None) -> MistakeNote | None:
    mistake_id = test.get("mistake")
    if not mistake_id:
        return None
    known = getattr(exercise, "mistakes", {}).get(mistake_id) if exercise is not None else None
    title = known.title if known else mistake_id.replace("_", " ")
    # The front end's own course text first: it is in the language the learner reads now.
    explanation = (known.explanation if known else "") or test.get("mistake_explanation") or ""
    return MistakeNote(mistake_id, title, explanation.strip())


def pass_note(test: dict, exercise=None) -> PassNote:
    note_id = str(test["note"])
    known = getattr(exercise, "notes", {}).get(note_id) if exercise is not None else None
    title = known.title if known else note_id.replace("_", " ")
    # As for a mistake: the front end's own course text first, in the language the learner reads now.
    explanation = (known.explanation if known else "") or str(test.get("message") or "")
    return PassNote(note_id, title, explanation.strip(), case_call(test.get("counterexample"), exercise))


# -- the smallest failing case as a call ------------------------------------------------------------

def case_call(case: dict | None, exercise=None) -> CaseCall | None:
    """The counterexample as a call, or None when it is not a case to show (a syntax error or a
    forbidden API: the message already names the line)."""
    if not case:
        return None
    inputs = case.get("inputs")
    params = case.get("params") or {}
    function = case.get("call")
    extras = [(_(FACT_LABELS[k]) if k in FACT_LABELS else str(k), _plain(v)) for k, v in case.items()
              if k not in _CASE_KEYS]
    seed = case.get("seed")
    if not inputs and not params and not extras:
        return None
    dtypes: list[str] = []
    values: list[tuple[str, str]] = []
    call = None
    if inputs is not None and function:
        defaults = signature_defaults(exercise, function)
        arguments = []
        for name, value in inputs.items():
            tensor = _TENSOR.match(value) if isinstance(value, str) else None
            if tensor:
                dtypes.append(tensor["dtype"])
                if tensor["values"]:
                    values.append((name, tensor["values"]))
                arguments.append((name, f"{name}: ({tensor['shape']})", tensor["dtype"]))
            elif name in defaults and _same(defaults[name], value):
                continue                   # the default: saying it adds nothing
            elif value is None and name not in defaults:
                arguments.append((name, f"{name}=None", None))
            else:
                arguments.append((name, f"{name}={_plain(value)}", None))
        one_dtype = len(set(dtypes)) == 1
        shown = [text if one_dtype or dtype is None else f"{text} {dtype}" for _, text, dtype in arguments]
        call = f"{function}({', '.join(shown)})"
        facts = ([ngettext("{dtype} tensor", "{dtype} tensors", len(dtypes)).format(dtype=dtypes[0])]
                 if dtypes and one_dtype else [])
    else:
        facts = [", ".join(f"{k}={_plain(v)}" for k, v in params.items())] if params else []
    if seed is not None:
        facts.append(_("seed {seed}").format(seed=seed))
    return CaseCall(call, " · ".join(facts), values, extras)


def _value_lines(name: str, value: str) -> list[str]:
    """`x = [[1.0, 2.0], [3.0, 4.0]]` as rows under each other, the way a matrix reads:
        x = [[1.0, 2.0],
             [3.0, 4.0]]
    Anything but a list of rows stays on one line."""
    try:
        rows = ast.literal_eval(value) if value.startswith("[[") else None
    except (ValueError, SyntaxError):
        rows = None
    if not isinstance(rows, list) or len(rows) < 2:
        return [f"{name} = {value}"]
    lead = f"{name} = ["
    lines = [lead + repr(rows[0]) + ","]
    lines += [" " * len(lead) + repr(row) + ("," if i < len(rows) - 1 else "]") for i, row in enumerate(rows[1:], 1)]
    return lines


def _same(default: object, value: object) -> bool:
    return type(default) is type(value) and default == value


def _plain(value: object) -> str:
    """A described value, readable: tensors by their shape, everything else as Python writes it."""
    if isinstance(value, str):
        tensor = _TENSOR.match(value)
        return f"({tensor['shape']})" if tensor else value
    if isinstance(value, list):
        return "[" + ", ".join(_plain(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_plain(v)}" for k, v in value.items()) + "}"
    return repr(value)


def signature_defaults(exercise, function: str) -> dict[str, object]:
    """The default values of `function` in the exercise's starter (read with ast: no import)."""
    starter = getattr(exercise, "starter", None)
    if starter is None:
        return {}
    return dict(_defaults(Path(starter), function))


@lru_cache(maxsize=64)
def _defaults(starter: Path, function: str) -> tuple[tuple[str, object], ...]:
    try:
        module = ast.parse(starter.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError):
        return ()
    for node in module.body:
        if isinstance(node, ast.FunctionDef) and node.name == function:
            args = node.args
            positional = [*args.posonlyargs, *args.args]
            pairs = list(zip([a.arg for a in positional[len(positional) - len(args.defaults):]], args.defaults))
            pairs += [(a.arg, d) for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None]
            found = []
            for name, node_default in pairs:
                try:
                    found.append((name, ast.literal_eval(node_default)))
                except ValueError:
                    continue
            return tuple(found)
    return ()


__all__ = ["Report", "Failure", "CaseCall", "CheckLine", "MistakeNote", "PassNote", "build_report", "case_call",
           "verdict_detail", "VERDICT_WORDS"]


# -- the blocks both front ends draw ------------------------------------------------------------

@dataclass(frozen=True)
class Block:
    """One piece of a report on screen. The CLI and the app's results pane draw the same blocks in
    the same order; only the verdict moves, with the notes that follow it (last in a terminal, where
    the eye lands; first in the app)."""
    kind: str         # verdict | note | mistake | check | message | case | brief | heading | same_mistake | output
    text: str         # the words (Markdown for a mistake's or note's explanation; learner text for message/output)
    status: str = ""  # check, message, brief: the check's status
    title: str = ""   # mistake, note: its title; output: its heading; check: the pass/skip message
    case: CaseCall | None = None


def report_blocks(report: Report) -> list[Block]:
    """The verdict; after a pass, what is good to know (each note with its case); the named mistake,
    once; the first failing check in full (message and smallest case); every check on a line, later
    failures with their first line (and the same mistake said again briefly); what the learner's
    code printed. Notes wait for a pass: next to a failure they would distract from it (and a note
    check may mismatch for the failure's reason), and the JSON carries them anyway."""
    blocks = [Block("verdict", report.verdict, report.status)]
    if report.passed:
        blocks += [Block("note", note.explanation, title=note.title, case=note.case) for note in report.notes]
    if report.mistake:
        blocks.append(Block("mistake", report.mistake.explanation, title=report.mistake.title))
    if report.first:
        blocks += _failure_blocks(report.first, full=True)
    if report.checks:
        blocks.append(Block("heading", _("All checks")))
    failures = iter([report.first, *report.later] if report.first else [])    # in the checks' order
    for check in report.checks:
        if check.status in PASSED:
            blocks.append(Block("check", check.name, check.status, title=check.message))
            continue
        failure = next(failures, None)
        if failure is None:
            continue
        if failure is report.first:              # shown in full above
            blocks.append(Block("check", check.name, check.status))
            continue
        blocks += _failure_blocks(failure, full=False)
        if failure.mistake and report.mistake and failure.mistake.id == report.mistake.id:
            blocks.append(Block("same_mistake", _("the same classic mistake: {title}").format(
                title=failure.mistake.title)))
    if report.output:
        dropped = report.output_lines_dropped
        title = (_("your code printed (+{count} more lines)").format(count=dropped) if dropped
                 else _("your code printed"))
        blocks.append(Block("output", report.output.rstrip("\n"), title=title))
    return blocks


def _failure_blocks(failure: Failure, full: bool) -> list[Block]:
    blocks = [Block("check", failure.name, failure.status)]
    if not failure.message:
        return blocks
    if not full:
        return blocks + [Block("brief", failure.message.splitlines()[0], failure.status)]
    blocks.append(Block("message", failure.message, failure.status))
    if failure.case:
        blocks.append(Block("case", "\n".join(failure.case.lines()), failure.status, title=_("smallest failing case"),
                            case=failure.case))
    return blocks
