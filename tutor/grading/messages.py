"""What the grader says: the wording of syntax errors, crashes, refusals and gradient failures.

Kept apart from the mechanics so that the words can be read (and changed) in one place."""
from __future__ import annotations

from pathlib import Path

from tutor.content.check_phrases import FILE_IMPORTS
from tutor.grading.result import TestResult
from tutor.i18n.catalog import _


def no_grads() -> str:
    return _("no gradients came back from your function's result, though the forward values were right — "
             "return a plain tensor computed from the inputs")


def disconnected() -> str:
    return _("the result is not connected to the inputs in the autograd graph — avoid .item(), .numpy(), "
             "torch.tensor(...) of results, .detach() and torch.no_grad() on the way from inputs to output")


def gradient_causes() -> str:
    return "\n" + _("(something in the computation breaks autograd, like an in-place write into a tensor that is "
                    "needed later, or a derivative that is wrong at a kink such as x = 0)")


def gradient_path(name: str) -> str:
    return _("the gradient with respect to {name}").format(name=name)


def argument_name(position: int) -> str:
    return _("argument {number}").format(number=position + 1)


def unused_input(name: str) -> str:
    return _("no gradient reaches {name}: it is not used on the way to the result").format(name=name)


def syntax_message(info: dict, path: Path | None = None) -> str:
    """'syntax error on line N: message' with the line and a caret under the offending column."""
    line, offset, text = info.get("line"), info.get("offset"), (info.get("text") or "").rstrip("\n")
    caret = ""
    if text and offset:
        stripped = text.lstrip()
        shift = len(text) - len(stripped)
        caret = "\n    " + stripped + "\n    " + " " * max(0, offset - 1 - shift) + "^"
    return _("syntax error on line {line}: {message}").format(line=line, message=info.get("message")) + caret


def refusal_text(error: dict) -> str:
    """A refusal from inside the sandbox (tutor.grading.forbidden._Refusal) in the learner's language:
    its template and values came back with the error; the English message is the fallback."""
    template, values = error.get("template"), error.get("values")
    if not isinstance(template, str) or not isinstance(values, dict):
        return str(error.get("message", ""))
    phrases = set(error.get("phrases") or ())
    try:
        return _(template).format(**{k: _(v) if k in phrases else v for k, v in values.items()})
    except (KeyError, IndexError, ValueError, AttributeError):   # a template the catalogue does not fit
        return str(error.get("message", ""))


def error_result(name: str, error: dict, example: dict | None) -> TestResult:
    """A learner's call that raised (or was refused, or ran out of memory…), as a test result."""
    category = error.get("category")
    where = _(" (line {line})").format(line=error["line"]) if error.get("line") else ""
    if category == "not_implemented":
        return TestResult(name, "fail", _("not implemented yet{where}: replace `raise NotImplementedError` with your "
                                          "code").format(where=where), stage="implemented")
    if category == "forbidden":
        return TestResult(name, "fail", refusal_text(error) + where, counterexample=example, stage="forbidden")
    if category == "recursion":
        return TestResult(name, "error", _("RecursionError{where}: your function calls itself without end").format(
            where=where), counterexample=example, stage="crash")
    if category == "memory":
        return TestResult(name, "error", _("your code ran out of memory{where}: {message}").format(
            where=where, message=error["message"]), counterexample=example, stage="memory")
    if category == "exit":
        return TestResult(name, "error", error["message"] + where + _(" — return a value instead"), stage="crash")
    trace = f"\n{error['traceback'].rstrip()}" if error.get("traceback") else ""
    return TestResult(name, "fail", _("your code raised {type}{where}: {message}").format(
        type=error["type"], where=where, message=error["message"]) + trace, counterexample=example, stage="exception")


def import_failure(error: dict) -> TestResult:
    """Importing the learner's file raised (or was refused)."""
    where = _(" on line {line}").format(line=error["line"]) if error.get("line") else ""
    if error.get("category") == "forbidden":
        return TestResult(FILE_IMPORTS, "fail", _("importing your file was refused{where}: {message}").format(
            where=where, message=refusal_text(error)), stage="forbidden")
    extra = ""
    if error["type"] in ("ModuleNotFoundError", "ImportError"):
        extra = _(" — is the module installed, and is its name spelled right?")
    return TestResult(FILE_IMPORTS, "error", _("importing your file raised {type}{where}: {message}").format(
        type=error["type"], where=where, message=error["message"]) + extra, stage="import")


def forward_values_were_right(tests: list[TestResult], cases_run: int, values_right: int) -> None:
    """When only gradients failed, say first that every forward value was right (a numpy port of
    correct code, or a .item() on the way, fails only there, and the learner must see why at once)."""
    failing = [t for t in tests if t.failed]
    if not failing or any(t.stage != "gradient" for t in failing) or values_right != cases_run:
        return
    first = failing[0]
    first.message = _("The forward values were right on all {count} cases; only the gradients are wrong.").format(
        count=cases_run) + "\n" + first.message
