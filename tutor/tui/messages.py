"""Messages that widgets and screens post upward; the app turns the Open* ones into screens.

Dataclasses, so a widget says *what* the learner asked for and never which screen shows it.
"""
from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class OpenLesson(Message):
    lesson_id: str
    section: int | None = None      # None: where the learner left off


@dataclass
class OpenExercise(Message):
    exercise_id: str


@dataclass
class OpenDemo(Message):
    name: str | None = None         # None: the demo picker


@dataclass
class OpenQuiz(Message):
    lesson_id: str | None = None    # None: the lesson read last (as `dltutor quiz` does)
    review: bool = False            # True: the review queue across all lessons


@dataclass
class ProgressChanged(Message):
    """Something the Home screen summarises changed (an attempt, a review, a lesson position)."""
    exercise_id: str | None = None
