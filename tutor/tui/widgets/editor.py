"""The exercise screen's code editor, tied to the learner's workspace file.

`WorkspaceFile` is the file side (no Textual): it remembers the text and the stamp (mtime, size)
of the last version this app read or wrote, writes atomically, and tells an outside change from
our own. `PythonArea` is a tree-sitter TextArea that types like a Python editor (Enter keeps the
indentation, indents after a colon and dedents after return/pass/raise/break/continue;
ctrl+Home/ctrl+End go to the start/end). `CodeEditor` is the widget: a PythonArea that
autosaves shortly after the learner stops typing and polls the file so edits made in another
editor show up. `DiffArea` is a read-only PythonArea that highlights the lines that differ from
another text (the solution view).
"""
from __future__ import annotations

import difflib
import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.color import Color
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static, TextArea

from tutor.i18n.catalog import N_, _

AUTOSAVE_DELAY_S = 0.5     # after the last keystroke
POLL_INTERVAL_S = 1.0      # how often the file is checked for outside changes

Stamp = tuple[int, int] | None      # (mtime_ns, size); None when the file is missing


def file_stamp(path: Path) -> Stamp:
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return info.st_mtime_ns, info.st_size


def code_theme(app) -> str:
    """The TextArea theme that suits the app's theme: "css" follows dark themes well, but its
    syntax colours wash out on light ones."""
    theme = app.current_theme
    return "css" if theme is None or theme.dark else "github_light"


def _short(path: Path) -> str:
    """The path with the home folder written as ~ (the status line is narrow)."""
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except ValueError:
        return str(path)


# A line whose last statement ends a block: the next line goes one level out.
BLOCK_END = re.compile(r"^\s*(return|pass|raise|break|continue)\b")


def strip_comment(line: str) -> str:
    """The line without a trailing # comment (a # inside a string literal is kept)."""
    quote: str | None = None
    for index, char in enumerate(line):
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif char == "#":
            return line[:index]
    return line


def indent_after_break(line_before_cursor: str, indent_width: int = 4) -> str:
    """The indentation of a new line started after `line_before_cursor`: the same as that line's,
    one level more after a colon (def, if, for…), one level less after return/pass/…"""
    indent = line_before_cursor[:len(line_before_cursor) - len(line_before_cursor.lstrip(" \t"))]
    code = strip_comment(line_before_cursor).rstrip()
    if code.endswith(":"):
        return indent + " " * indent_width
    if BLOCK_END.match(code) and len(indent) >= indent_width:
        return indent[:-indent_width]
    return indent


def docstring_lines(text: str) -> set[int]:
    """The 0-based lines of the module's, classes' and functions' docstrings (none if it does not parse)."""
    import ast

    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return set()
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
                    and isinstance(first.value.value, str) and first.end_lineno is not None):
                lines.update(range(first.lineno - 1, first.end_lineno))
    return lines


def changed_lines(text: str, other: str) -> set[int]:
    """The 0-based lines of `text` that are not in `other` (a line diff, trailing spaces ignored).

    Docstrings are left out on both sides: the learner's file keeps the starter's long ones and the
    model solution has short ones, and "48 lines differ" for a 13-line function was mostly prose."""
    mine_lines, their_lines = text.splitlines(), other.splitlines()
    skip_mine, skip_theirs = docstring_lines(text), docstring_lines(other)
    kept_mine = [i for i in range(len(mine_lines)) if i not in skip_mine]
    mine = [mine_lines[i].rstrip() for i in kept_mine]
    theirs = [line.rstrip() for i, line in enumerate(their_lines) if i not in skip_theirs]
    changed: set[int] = set()
    matcher = difflib.SequenceMatcher(None, mine, theirs, autojunk=False)
    for tag, start, end, _their_start, _their_end in matcher.get_opcodes():
        if tag != "equal":
            changed.update(kept_mine[start:end])
    return changed


class PythonArea(TextArea):
    """A TextArea that types like a Python editor."""

    BINDINGS = [
        Binding("ctrl+home", "document_start", N_("Start of the file"), show=False),
        Binding("ctrl+end", "document_end", N_("End of the file"), show=False),
        Binding("ctrl+shift+home", "document_start(True)", N_("Select to the start"), show=False),
        Binding("ctrl+shift+end", "document_end(True)", N_("Select to the end"), show=False),
    ]

    def action_document_start(self, select: bool = False) -> None:
        self.move_cursor((0, 0), select=select)

    def action_document_end(self, select: bool = False) -> None:
        self.move_cursor(self.document.end, select=select)

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter" and not self.read_only:
            event.stop()
            event.prevent_default()
            start, end = self.selection
            top = min(start, end)
            before = self.document[top[0]][:top[1]]
            self._replace_via_keyboard("\n" + indent_after_break(before, self.indent_width), start, end)
            return
        await super()._on_key(event)


class DiffArea(PythonArea):
    """Read-only code whose lines that differ from `other` have a coloured background."""

    def __init__(self, text: str, other: str, *, colour: str, id: str | None = None, theme: str = "css") -> None:
        super().__init__(text, language="python", theme=theme, read_only=True, soft_wrap=False,
                         show_line_numbers=True, tab_behavior="indent", id=id)
        self.changed = changed_lines(text, other)
        self.colour = colour          # a theme variable: "error-muted" (your code), "success-muted" (the model)
        self._width = max((len(line) for line in text.splitlines()), default=0) + 1

    def on_mount(self) -> None:
        # Open on the first difference: that is what the learner came to see.
        if self.changed:
            self.call_after_refresh(self.move_cursor, (min(self.changed), 0), center=True)

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        if line_index in self.changed:
            # Padded to the longest line, so a changed line reads as a band, not as a few letters.
            line.pad_right(max(0, self._width - len(line)))
            variables = self.app.theme_variables
            background = Color.parse(variables["background"])
            band = background + Color.parse(variables.get(self.colour, "yellow 30%"))
            line.stylize(Style(bgcolor=band.hex))
        return line


class WorkspaceFile:
    """The learner's file as this app last saw it."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.text = ""                 # the file's content when we last read or wrote it
        self.stamp: Stamp = None

    def read(self) -> str:
        text = self.path.read_text(encoding="utf-8")
        self.text, self.stamp = text, file_stamp(self.path)
        return text

    def write(self, text: str) -> None:
        """Write atomically: a crash (or a grader reading at that moment) never sees half a file."""
        partial = self.path.with_name(f".{self.path.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
        try:
            with open(partial, "w", encoding="utf-8", newline="") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            if self.path.exists():
                try:
                    os.chmod(partial, self.path.stat().st_mode & 0o7777)
                except OSError:
                    pass
            os.replace(partial, self.path)
        finally:
            partial.unlink(missing_ok=True)
        self.text, self.stamp = text, file_stamp(self.path)

    def outside_change(self) -> str | None:
        """The file's new text when something other than us changed it since we last looked."""
        stamp = file_stamp(self.path)
        if stamp is None or stamp == self.stamp:
            return None
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None              # half-written or unreadable right now: look again next time
        if file_stamp(self.path) != stamp:
            return None              # still being written: look again next time
        self.stamp = stamp
        if text == self.text:
            return None              # touched, not changed
        return text


class CodeEditor(Vertical):
    """A status line over a Python code editor that keeps `path` and the screen in step."""

    ALLOW_MAXIMIZE = True      # F4 on the exercise screen zooms it

    @dataclass
    class Saved(Message):
        editor: CodeEditor

    @dataclass
    class Reloaded(Message):
        """The file changed outside the app and the editor now shows the new text."""
        editor: CodeEditor

    @dataclass
    class Conflict(Message):
        """The file changed outside the app while the editor had unsaved edits; the editor's text won."""
        editor: CodeEditor

    @dataclass
    class Edited(Message):
        editor: CodeEditor

    def __init__(self, path: Path, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.file = WorkspaceFile(path)
        self._autosave: Timer | None = None
        self._text = ""                # the editor's text, mirrored so it can be saved after unmount
        self._status = N_("saved")
        self.save_error: str | None = None

    def compose(self) -> ComposeResult:
        text = self._text = self.file.read()
        yield Static(id="editor-status")
        yield PythonArea.code_editor(text, language="python", id="code", theme=code_theme(self.app), soft_wrap=True)

    def on_mount(self) -> None:
        self.set_interval(POLL_INTERVAL_S, self.check_disk)
        self.app.theme_changed_signal.subscribe(self, lambda _: setattr(self.text_area, "theme", code_theme(self.app)))
        self._show_status()

    # -- what the editor holds ------------------------------------------------------------------
    @property
    def text_area(self) -> TextArea:
        return self.query_one("#code", TextArea)

    @property
    def text(self) -> str:
        return self._text

    @property
    def dirty(self) -> bool:
        """Edits the file does not have yet."""
        return self._text != self.file.text

    def set_text(self, text: str) -> None:
        """Replace the whole text as one undoable edit, keeping the cursor where it was."""
        area = self.text_area
        row, column = area.cursor_location
        area.replace(text, (0, 0), area.document.end)
        self._text = area.text
        last_row = area.document.line_count - 1
        row = min(row, last_row)
        area.cursor_location = (row, min(column, len(area.document[row])))

    # -- saving ---------------------------------------------------------------------------------
    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._text = event.text_area.text
        if self._autosave is not None:
            self._autosave.stop()
            self._autosave = None
        if self.dirty:
            self._autosave = self.set_timer(AUTOSAVE_DELAY_S, self.save)
            self.post_message(self.Edited(self))
        self._show_status()

    def save(self) -> bool:
        """Write the editor's text if the file lacks it; False when writing failed."""
        if self._autosave is not None:
            self._autosave.stop()
            self._autosave = None
        if not self.dirty and self.file.path.exists():
            return True
        try:
            self.file.write(self.text)
        except OSError as exc:
            self.save_error = _("could not save {path}: {reason}").format(path=self.file.path, reason=exc.strerror or exc)
            self._show_status()
            return False
        self.save_error = None
        self._status = N_("saved")
        self._show_status()
        self.post_message(self.Saved(self))
        return True

    def sync(self) -> bool:
        """Take outside changes first, then save ours: what grading and $EDITOR need on disk."""
        self.check_disk()
        return self.save()

    def on_unmount(self) -> None:
        # Leaving the screen (or quitting) within the autosave delay must not lose the last edits.
        if self.dirty:
            try:
                self.file.write(self._text)
            except OSError:
                pass

    # -- outside changes ------------------------------------------------------------------------
    def check_disk(self) -> None:
        new = self.file.outside_change()
        if new is None:
            return
        if self._text == new:
            self.file.text = new
            self._show_status()
            return
        unsaved = self.dirty
        self.file.text = new
        if unsaved:
            # Both changed: the learner's typing wins; autosave writes it over the outside version.
            self._status = N_("kept your edits")
            self._show_status()
            self.post_message(self.Conflict(self))
            if self._autosave is None:
                self._autosave = self.set_timer(AUTOSAVE_DELAY_S, self.save)
            return
        self.set_text(new)
        self._status = N_("reloaded from disk")
        self._show_status()
        self.post_message(self.Reloaded(self))

    # -- the status line --------------------------------------------------------------------------
    def _show_status(self) -> None:
        try:
            status = self.query_one("#editor-status", Static)
        except NoMatches:
            return
        line = Text(no_wrap=True, overflow="ellipsis")
        if self.save_error:
            line.append("✘ " + self.save_error, style="red")
        elif self.dirty:
            line.append("● " + _("editing"), style="yellow")
        else:
            line.append("✔ " + _(self._status), style="green")
        # The state first: a long path is what the ellipsis may cut.
        line.append("  " + _short(self.file.path), style="bold")
        status.update(line)
