"""The results pane, verdict first: the verdict (and, after a pass, the next step and what is good
to know), then the classic mistake the grader recognised, then the first failing check with its
smallest case written as a call, then every check, what the learner's code printed, and a tip.

The order and the wording come from tutor.report (the CLI uses the same). Everything that came
from the learner's code (test messages quote its errors, `output` is what it printed) is rich
Text, so square brackets in it are never read as markup; mistake explanations are course
content, written in Markdown.
"""
from __future__ import annotations

from rich.markup import escape
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Label, LoadingIndicator, Markdown, Static

from tutor.content import Exercise
from tutor.i18n.catalog import _
from tutor.report import Block as ReportBlock
from tutor.report import CaseCall, Report, build_report, report_blocks

VERDICT_CLASSES = {"pass": "-pass", "fail": "-fail", "error": "-error", "timeout": "-timeout"}
MARKS = {"pass": ("✔", "green"), "fail": ("✘", "red"), "error": ("✘", "red"), "timeout": ("⏱", "red"),
         "skipped": ("–", "dim")}


def verdict_text(result: dict) -> str:
    """'PASS  all 10 checks passed' / 'FAIL  2 of 10 checks failed' (no timings: they vary)."""
    return build_report(result).verdict


def check_line(name: str, status: str, message: str = "") -> Text:
    mark, colour = MARKS.get(status, ("?", "yellow"))
    line = Text()
    line.append(f"{mark} ", style=f"bold {colour}")
    line.append(name, style="bold" if status not in ("pass", "skipped") else "")
    if status == "skipped" and message:
        line.append(f"  ({message})", style="dim")     # the grader's words (its own language)
    return line


class Block(Static):
    """A Static that keeps the plain text of the rich Text it shows."""

    def __init__(self, text: Text, classes: str = "", title: str | None = None, plain: str | None = None) -> None:
        super().__init__(text, classes=classes)
        self.plain = text.plain if plain is None else plain
        if title:
            self.border_title = escape(title)


class MistakeBlock(Vertical):
    """The classic mistake: its title, then its explanation (Markdown)."""

    def __init__(self, title: str, explanation: str) -> None:
        super().__init__(classes="result-mistake")
        self.title = title
        self.explanation = explanation
        self.plain = _("Classic mistake: {title}").format(title=title) + f"\n{explanation}"
        self.border_title = _("Classic mistake")

    def compose(self) -> ComposeResult:
        # The title leads the body too: a narrow pane cuts a long border title short.
        yield Static(Text(self.title, style="bold"), classes="result-mistake-title")
        yield Markdown(self.explanation, classes="result-mistake-text")


class NoteBlock(Vertical):
    """What is good to know after a pass: the note's title, its explanation (Markdown) and its case."""

    def __init__(self, title: str, explanation: str, case: CaseCall | None) -> None:
        super().__init__(classes="result-passnote")
        self.title = title
        self.explanation = explanation
        self.case = case
        lines = case.lines() if case else []
        self.plain = "\n".join([_("Good to know: {title}").format(title=title), explanation, *lines])
        self.border_title = _("Good to know")

    def compose(self) -> ComposeResult:
        yield Static(Text(self.title, style="bold"), classes="result-passnote-title")
        yield Markdown(self.explanation, classes="result-passnote-text")
        if self.case:
            yield case_widget(self.case, _("the case"))


def case_widget(case: CaseCall, title: str) -> Block:
    """A case as its call (bold), then its facts and values (dim), in a titled box."""
    lines = case.lines()
    text = Text(lines[0], style="bold") if case.call else Text(lines[0])
    for line in lines[1:]:
        text.append("\n" + line, style="dim")
    return Block(text, "result-case", title, plain=title + "\n" + "\n".join(lines))


def block_widgets(block: ReportBlock) -> list[Widget]:
    """The widget(s) that draw one block of the shared report (tutor.report.report_blocks)."""
    if block.kind == "mistake":
        return [MistakeBlock(block.title, block.text)]
    if block.kind == "check":
        return [Block(check_line(block.text, block.status, block.title if block.status == "skipped" else ""),
                      f"result-test -{block.status}")]
    if block.kind == "message":
        return [Block(Text(block.text), "result-message")]
    if block.kind == "brief":
        return [Block(Text(block.text, style="dim"), "result-message")]
    if block.kind == "note":
        return [NoteBlock(block.title, block.text, block.case)]
    if block.kind == "case" and block.case is not None:
        return [case_widget(block.case, block.title)]
    if block.kind == "heading":
        return [Block(Text(block.text, style="bold"), "result-heading")]
    if block.kind == "same_mistake":
        return [Block(Text("  " + block.text, style="magenta"), "result-mistake-again", plain=block.text)]
    if block.kind == "output":
        return [Block(Text(block.text), "result-output", block.title)]
    return []          # the verdict has its own line at the top of the pane


class GradeResults(Vertical):
    """Shows one grade: `show(result)`, `show_grading(text)`, `show_message(verdict, text)`."""

    ALLOW_MAXIMIZE = True      # F4 on the exercise screen zooms it

    def __init__(self, exercise: Exercise, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.exercise = exercise
        self.result: dict | None = None
        self.report: Report | None = None
        self.verdict = _("Not graded yet")
        self.next_step = ""
        self._plain: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(_("Not graded yet — ctrl+r (or F5) grades your file."), id="verdict", classes="-idle")
        yield Static("", id="next-step")
        with Horizontal(id="grading"):
            yield LoadingIndicator()
            yield Label("", id="grading-label")
        yield VerticalScroll(id="result-details")

    def relabel(self) -> None:
        """Before any grade: the idle line again, in the language now in force."""
        if self.result is None and self.query_one("#verdict", Static).has_class("-idle"):
            self.verdict = _("Not graded yet")
            self.query_one("#verdict", Static).update(_("Not graded yet — ctrl+r (or F5) grades your file."))

    def on_mount(self) -> None:
        self.query_one("#grading").display = False
        self.query_one("#next-step").display = False

    # -- states ---------------------------------------------------------------------------------
    def _verdict(self, text: str | Text, css_class: str) -> None:
        verdict = self.query_one("#verdict", Static)
        self.verdict = str(text)
        verdict.update(text)
        verdict.set_classes(css_class)
        verdict.display = True

    def _next(self, text: str) -> None:
        self.next_step = text
        line = self.query_one("#next-step", Static)
        line.update(Text(text))
        line.display = bool(text)

    def show_grading(self, text: str) -> None:
        if self.result is None and self.verdict == _("Not graded yet"):
            # "Not graded yet — ctrl+r grades your file" above "Grading…" would contradict it.
            self.query_one("#verdict", Static).display = False
        self.query_one("#grading").display = True
        self.query_one("#grading-label", Label).update(text)

    def hide_grading(self) -> None:
        self.query_one("#grading").display = False

    def show_message(self, verdict: str, text: str, css_class: str = "-idle") -> None:
        """A state that is not a grade: cancelled, the grader failed, …"""
        self.hide_grading()
        self._verdict(verdict, css_class)
        self._next("")
        details = self.query_one("#result-details", VerticalScroll)
        details.remove_children()
        details.mount(Static(Text(text), classes="result-note"))
        self._plain = [text]

    def show(self, result: dict, note: str = "", next_step: str = "") -> None:
        """A grade. `note` joins the facts line (the attempt number, or when a restored grade was
        made); `next_step` is shown under a PASS verdict."""
        self.result = result
        report = self.report = build_report(result, self.exercise)
        self.hide_grading()
        self._verdict(Text(report.verdict), VERDICT_CLASSES.get(report.status, "-fail"))
        self._next(next_step if report.passed else "")
        widgets: list[Widget] = [w for block in report_blocks(report) for w in block_widgets(block)]
        facts = _("seed {seed}").format(seed=report.seed) + f" · {report.device}" + (f" · {note}" if note else "")
        widgets.append(Block(Text(facts, style="dim"), "result-facts"))
        if report.passed:
            tip = _("Well done. ctrl+o shows the model solution side by side with yours.")
        else:
            tip = _("Stuck? F2 reveals the next hint; ctrl+r grades again.")
        widgets.append(Block(Text(tip, style="dim italic"), "result-tip"))
        details = self.query_one("#result-details", VerticalScroll)
        details.remove_children()
        details.mount_all(widgets)
        details.scroll_home(animate=False)
        self._plain = []
        for widget in widgets:
            plain = getattr(widget, "plain", "")
            title = widget.border_title
            if title and not plain.startswith(str(title)):
                self._plain.append(str(title))
            self._plain.append(plain)

    @property
    def plain_text(self) -> str:
        """Everything the pane shows, as plain text (what tests look at)."""
        return "\n".join([self.verdict, *([self.next_step] if self.next_step else []), *self._plain])
