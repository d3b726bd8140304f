"""The results pane: the verdict, each check, the smallest failing case, the classic mistake and
what the learner's code printed.

A result is the `dltutor check --json` dict. Everything that came from the learner's code (test
messages quote its errors, `output` is what it printed) is rich Text, so square brackets in it are
never read as markup.
"""
from __future__ import annotations

import json

from rich.markup import escape
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, LoadingIndicator, Static

from tutor.content import Exercise

# status -> (verdict word, CSS class). The verdict line always holds PASS or FAIL (the CLI/tmux
# contract); error and timeout say which kind of failure it was.
VERDICTS = {
    "pass": ("PASS", "-pass"),
    "fail": ("FAIL", "-fail"),
    "error": ("FAIL (ERROR)", "-error"),
    "timeout": ("FAIL (TIMEOUT)", "-timeout"),
}
MARKS = {"pass": ("✔", "green"), "fail": ("✘", "red"), "error": ("✘", "red"), "timeout": ("⏱", "red"),
         "skipped": ("–", "dim")}


def verdict_text(result: dict) -> str:
    """'PASS  all 10 checks passed' / 'FAIL  2 of 10 checks failed' (no timings: they vary)."""
    word, _ = VERDICTS.get(result["status"], ("FAIL", "-fail"))
    tests = result.get("tests", [])
    failed = [t for t in tests if t.get("status") not in ("pass", "skipped")]
    if result["status"] == "pass":
        detail = f"all {len(tests)} checks passed"
    else:
        skipped = sum(t.get("status") == "skipped" for t in tests)
        detail = (f"{len(failed)} of {len(tests)} failed, {skipped} not run" if skipped
                  else f"{len(failed)} of {len(tests)} checks failed")
    return f"{word}  {detail}"


def counterexample_text(case: dict) -> Text:
    """The smallest failing case, one field per line: params first, then the call's inputs."""
    out = Text()
    params = case.get("params") or {}
    if params:
        out.append("  " + ", ".join(f"{k}={v}" for k, v in params.items()) + "\n")
    call = case.get("call")
    for name, value in (case.get("inputs") or {}).items():
        out.append(f"  {name} = ", style="dim")
        out.append(value if isinstance(value, str) else json.dumps(value, default=str))
        out.append("\n")
    if call and not (case.get("inputs") or params):
        out.append(f"  {call}\n")
    for key, value in case.items():
        if key in ("check", "params", "inputs", "call", "seed"):
            continue
        out.append(f"  {key} = ", style="dim")
        out.append(value if isinstance(value, str) else json.dumps(value, default=str))
        out.append("\n")
    out.rstrip()
    return out


def test_line(test: dict) -> Text:
    mark, colour = MARKS.get(test.get("status", ""), ("?", "yellow"))
    line = Text()
    line.append(f"{mark} ", style=f"bold {colour}")
    line.append(str(test.get("name", "")), style="bold" if test.get("status") not in ("pass", "skipped") else "")
    message = str(test.get("message") or "")
    if test.get("status") == "skipped" and message:
        line.append(f"  ({message})", style="dim")
    return line


class Block(Static):
    """A Static that keeps the plain text of the rich Text it shows."""

    def __init__(self, text: Text, classes: str = "", title: str | None = None, plain: str | None = None) -> None:
        super().__init__(text, classes=classes)
        self.plain = text.plain if plain is None else plain
        if title:
            self.border_title = escape(title)


class GradeResults(Vertical):
    """Shows one grade: `show(result)`, `show_grading(text)`, `show_message(verdict, text)`."""

    ALLOW_MAXIMIZE = True      # F4 on the exercise screen zooms it

    def __init__(self, exercise: Exercise, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.exercise = exercise
        self.result: dict | None = None
        self.verdict = "Not graded yet"
        self._plain: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("Not graded yet — ctrl+r (or F5) grades your file.", id="verdict", classes="-idle")
        with Horizontal(id="grading"):
            yield LoadingIndicator()
            yield Label("", id="grading-label")
        yield VerticalScroll(id="result-details")

    def on_mount(self) -> None:
        self.query_one("#grading").display = False

    # -- states ---------------------------------------------------------------------------------
    def _verdict(self, text: str | Text, css_class: str) -> None:
        verdict = self.query_one("#verdict", Static)
        self.verdict = str(text)
        verdict.update(text)
        verdict.set_classes(css_class)

    def show_grading(self, text: str) -> None:
        self.query_one("#grading").display = True
        self.query_one("#grading-label", Label).update(text)

    def hide_grading(self) -> None:
        self.query_one("#grading").display = False

    def show_message(self, verdict: str, text: str, css_class: str = "-idle") -> None:
        """A state that is not a grade: cancelled, the grader failed, …"""
        self.hide_grading()
        self._verdict(verdict, css_class)
        details = self.query_one("#result-details", VerticalScroll)
        details.remove_children()
        details.mount(Static(Text(text), classes="result-note"))
        self._plain = [text]

    def show(self, result: dict, note: str = "") -> None:
        self.result = result
        self.hide_grading()
        _, css_class = VERDICTS.get(result["status"], ("FAIL", "-fail"))
        self._verdict(Text(verdict_text(result)), css_class)
        details = self.query_one("#result-details", VerticalScroll)
        details.remove_children()
        widgets: list[Block] = []
        facts = f"seed {result.get('seed')} · {result.get('device', 'cpu')}"
        widgets.append(Block(Text(facts + (f" · {note}" if note else ""), style="dim"), "result-facts"))
        explained: set[str] = set()
        for test in result.get("tests", []):
            widgets.append(Block(test_line(test), f"result-test -{test.get('status', 'unknown')}"))
            if test.get("status") not in ("pass", "skipped") and test.get("message"):
                widgets.append(Block(Text(str(test["message"])), "result-message"))
            case = test.get("counterexample")
            if case and test.get("status") not in ("pass", "skipped"):
                widgets.append(Block(counterexample_text(case), "result-case", "smallest failing case"))
            mistake_id = test.get("mistake")
            if mistake_id:
                mistake = self.exercise.mistakes.get(mistake_id)
                title = mistake.title if mistake else mistake_id.replace("_", " ")
                if mistake_id in explained:   # one panel per mistake, however many checks show it
                    widgets.append(Block(Text(f"  the same classic mistake: {title}", style="magenta"),
                                         "result-mistake-again"))
                    continue
                explained.add(mistake_id)
                explanation = test.get("mistake_explanation") or (mistake.explanation if mistake else "")
                # The title leads the body too: a narrow pane cuts a long border title short.
                body = Text(title, style="bold")
                body.append("\n" + explanation, style="")
                widgets.append(Block(body, "result-mistake", "Classic mistake",
                                     plain=f"Classic mistake: {title}\n{explanation}"))
        if result.get("output"):
            dropped = result.get("output_lines_dropped") or 0
            title = "your code printed" + (f" (+{dropped} more lines)" if dropped else "")
            widgets.append(Block(Text(result["output"].rstrip("\n")), "result-output", title))
        if result["status"] == "pass":
            tip = "Well done. ctrl+o shows the model solution side by side with yours."
        else:
            tip = "Stuck? ctrl+h reveals the next hint; ctrl+r grades again."
        widgets.append(Block(Text(tip, style="dim italic"), "result-tip"))
        details.mount_all(widgets)
        details.scroll_home(animate=False)
        self._plain = []
        for widget in widgets:
            if widget.border_title and not widget.plain.startswith(str(widget.border_title)):
                self._plain.append(str(widget.border_title))
            self._plain.append(widget.plain)

    @property
    def plain_text(self) -> str:
        """Everything the pane shows, as plain text (what tests look at)."""
        return "\n".join([self.verdict, *self._plain])
