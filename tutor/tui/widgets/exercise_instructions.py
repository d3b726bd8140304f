"""What the exercise asks, as Markdown: the title, the starter's module docstring and the
docstrings of the functions the learner writes; and the hints revealed so far."""
from __future__ import annotations

import ast
import inspect
import re
import textwrap
from pathlib import Path

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from tutor.content import Exercise
from tutor.i18n.catalog import _, ngettext
from tutor.progress.hints import ShownHint

# Docstrings are plain text: a `*` in "torch.*, F.*" must not start italics, nor a `|` a table.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]<>#|~])")


def _plain(text: str) -> str:
    """Plain text that Markdown shows as written: its punctuation backslash-escaped."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)


def _verbatim(lines: list[str]) -> str:
    return "```text\n" + textwrap.dedent("\n".join(lines)).rstrip() + "\n```"


def _module_docstring_markdown(doc: str) -> str:
    """The starter's module docstring: prose paragraphs flow (as plain text), indented lines (the
    doctest examples under "Example:") stay verbatim, where Markdown would run them into the prose."""
    blocks: list[str] = []
    prose: list[str] = []
    code: list[str] = []
    for line in doc.splitlines() + [""]:
        indented = line[:1] in (" ", "\t") and line.strip()
        if prose and (indented or not line.strip()):
            blocks.append(_plain("\n".join(prose)))
            prose = []
        if code and not indented:
            blocks.append(_verbatim(code))
            code = []
        if indented:
            code.append(line)
        elif line.strip():
            prose.append(line)
    return "\n\n".join(blocks)


def _docstring_markdown(doc: str) -> str:
    """A docstring's first paragraph as prose, the rest (Args:, shapes, ASCII examples) verbatim:
    its layout carries meaning that Markdown would reflow away."""
    doc = inspect.cleandoc(doc)
    summary, _, rest = doc.partition("\n\n")
    parts = [_plain(" ".join(summary.split()))]
    if rest.strip():
        parts.append("```text\n" + rest.rstrip() + "\n```")
    return "\n\n".join(parts)


def instructions_markdown(exercise: Exercise, starter: Path | None = None) -> str:
    source = (starter or exercise.starter).read_text(encoding="utf-8")
    parts = [f"## {exercise.title}"]
    try:
        module = ast.parse(source)
    except SyntaxError:
        module = None
    if module is not None:
        doc = ast.get_docstring(module)
        if doc:
            parts.append(_module_docstring_markdown(doc.strip()))
        functions = {node.name: node for node in module.body if isinstance(node, ast.FunctionDef)}
        for name in exercise.functions:
            node = functions.get(name)
            if node is None:
                continue
            parts.append(f"### `{name}({ast.unparse(node.args)})`")
            doc = ast.get_docstring(node, clean=False)
            if doc:
                parts.append(_docstring_markdown(doc))
    if exercise.forbidden:
        shown = ", ".join(f"`{name}`" for name in exercise.forbidden)
        parts.append(_("**Off-limits here:** {names}.").format(names=shown))
    return "\n\n".join(parts) + "\n"


def hints_markdown(exercise: Exercise, shown: list[ShownHint]) -> str:
    total = len(exercise.hints)
    if not shown:
        return "*" + ngettext("{count} hint available — F2 (or h outside the editor) reveals it.",
                              "{count} hints available — F2 (or h outside the editor) reveals the next one.",
                              total).format(count=total) + "*\n"
    lines = ["## " + _("Hints")]
    for hint in shown:
        lines.append(f"**{hint.label}.** {hint.text}")
    remaining = total - sum(1 for hint in shown if hint.mistake is None)
    if remaining > 0:
        lines.append("*" + _("{count} more — F2 reveals the next.").format(count=remaining) + "*")
    else:
        lines.append("*" + _("That was the last hint. ctrl+o shows the model solution.") + "*")
    return "\n\n".join(lines) + "\n"


class Instructions(VerticalScroll):
    """The instructions pane; `show_hints(shown)` updates the hints below them."""

    ALLOW_MAXIMIZE = True      # F4 on the exercise screen zooms it

    def __init__(self, exercise: Exercise, shown: list[ShownHint] | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.exercise = exercise
        self.shown = list(shown or [])

    @property
    def revealed(self) -> int:
        """How many hints are shown (progressive and mistake hints together)."""
        return len(self.shown)

    def compose(self) -> ComposeResult:
        yield Markdown(instructions_markdown(self.exercise), id="instructions-text")
        yield Markdown(hints_markdown(self.exercise, self.shown), id="hints")

    def show_hints(self, shown: list[ShownHint]) -> None:
        self.shown = list(shown)
        updated = self.query_one("#hints", Markdown).update(hints_markdown(self.exercise, self.shown))

        async def scroll_to_the_new_hint() -> None:
            await updated                  # the new blocks are mounted: the end is where the hint is
            self.scroll_end(animate=False)

        self.call_later(scroll_to_the_new_hint)
