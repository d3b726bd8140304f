"""Status marks and small formatters shared by the Home, Lesson and Progress screens."""
from __future__ import annotations

from rich.text import Text

from tutor.i18n import durations
from tutor.i18n.catalog import N_

# ✔ done · … started · · untouched — for exercises (passed/attempted) and lessons (read/reading).
MARKS: dict[str, tuple[str, str]] = {
    "passed": ("✔", "bold green"),
    "read": ("✔", "bold green"),
    "attempted": ("…", "bold yellow"),
    "reading": ("…", "bold yellow"),
    "not started": ("·", "dim"),
}


# The words for the same statuses (the statuses themselves stay English: they are stored and exported).
STATUS_WORDS: dict[str, str] = {
    "passed": N_("passed"), "read": N_("read"), "attempted": N_("attempted"), "reading": N_("reading"),
    "not started": N_("not started"),
    # a grade's status (an attempt's last_status)
    "pass": N_("pass"), "fail": N_("fail"), "error": N_("error"), "timeout": N_("timeout"),
}


def mark(status: str) -> Text:
    symbol, style = MARKS.get(status, MARKS["not started"])
    return Text(symbol, style=style)


def reading_status(position: dict | None, sections: int) -> str:
    """'read' once the last section was reached, 'reading' once opened, else 'not started'."""
    if not position:
        return "not started"
    return "read" if position["section"] >= sections - 1 else "reading"


def duration(seconds: float | None) -> str:
    """'—', '45s', '12m', '1h 05m' (in the learner's language): coarse on purpose, it is a study
    log, not a stopwatch."""
    return durations.compact(seconds)


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
