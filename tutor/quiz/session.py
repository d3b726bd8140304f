"""A quiz session, the one engine behind `dltutor quiz`, `dltutor review` and the TUI's quiz screen.

    session = QuizSession(questions, reviews=ReviewScheduler(store), seed=7)
    while (question := session.current) is not None:
        outcome = session.submit(read_answer(question))
        if not outcome.accepted:          # unreadable input: say why, ask again
            show(outcome.verdict.feedback); continue
        show(outcome.verdict.feedback, outcome.explanation)
    show(session.score)

`submit` judges the answer, records the review (when a scheduler is given) and moves on;
the `Outcome` still holds the question just answered, so a front end can keep showing it.
"""
from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from tutor.content.quizzes import Question
from tutor.quiz.answers import Verdict
from tutor.quiz.model import PresentedQuestion, present
from tutor.quiz.scheduler import ReviewScheduler


@dataclass(frozen=True)
class Outcome:
    question: PresentedQuestion
    verdict: Verdict
    due: datetime | None = None      # this card's next review, when one was recorded

    @property
    def accepted(self) -> bool:
        return self.verdict.accepted

    @property
    def correct(self) -> bool:
        return self.verdict.correct

    @property
    def explanation(self) -> str:
        """Shown after every accepted answer, right or wrong; nothing for unreadable input."""
        return self.question.explanation if self.accepted else ""


@dataclass(frozen=True)
class Score:
    correct: int
    answered: int
    total: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.correct / self.answered) if self.answered else None

    def __str__(self) -> str:
        text = f"{self.correct}/{self.answered}"
        return text + (f" ({self.percent}%)" if self.answered else "")


def question_seed(session_seed: int, index: int, key: str) -> int:
    """Each question's own seed: reproducible from the session seed, different for each question."""
    return random.Random(f"{session_seed}:{index}:{key}").randrange(2**31)


class QuizSession:
    def __init__(self, questions: Sequence[Question], reviews: ReviewScheduler | None = None,
                 seed: int | None = None, limit: int | None = None) -> None:
        if limit is not None and limit < 1:
            raise ValueError(f"limit must be at least 1, got {limit}")
        self.questions = list(questions)[:limit]
        self.reviews = reviews
        self.seed = seed if seed is not None else random.SystemRandom().randrange(2**31)
        self.outcomes: list[Outcome] = []
        self._index = 0
        self._presented: PresentedQuestion | None = None

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def number(self) -> int:
        """1-based number of the current question (total + 1 once finished)."""
        return self._index + 1

    @property
    def finished(self) -> bool:
        return self._index >= len(self.questions)

    @property
    def current(self) -> PresentedQuestion | None:
        if self.finished:
            return None
        if self._presented is None:
            question = self.questions[self._index]
            self._presented = present(question, question_seed(self.seed, self._index, question.key))
        return self._presented

    def submit(self, text: str) -> Outcome:
        """Judge `text` as the answer to the current question; record it and move on if readable."""
        question = self.current
        if question is None:
            raise RuntimeError("the quiz is over: there is no question to answer")
        verdict = question.check(text)
        if not verdict.accepted:
            return Outcome(question, verdict)
        due = None
        if self.reviews is not None:
            due = self.reviews.record(question.key, question.lesson, verdict.correct).due
        outcome = Outcome(question, verdict, due)
        self.outcomes.append(outcome)
        self._index += 1
        self._presented = None
        return outcome

    @property
    def score(self) -> Score:
        return Score(sum(o.correct for o in self.outcomes), len(self.outcomes), self.total)


def default_quiz_lesson(catalog, store):
    """The lesson read last if it has a quiz, else the first lesson that has one (CLI and TUI)."""
    last = store.last_position()
    if last:
        try:
            lesson = catalog.lesson(last[0])
        except KeyError:
            lesson = None
        if lesson is not None and lesson.quiz_path is not None:
            return lesson
    return next((lesson for lesson in catalog.lessons if lesson.quiz_path is not None), None)
