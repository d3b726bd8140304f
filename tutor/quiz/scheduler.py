"""Spaced repetition with FSRS: one card per question, keyed by the question's content hash.

A right answer rates the card Good, a wrong one Again. Cards live in the progress store
(`record_review`, `card`, `cards`); an edited question hashes to a new key and so starts
fresh, and the old card is simply never shown again. The review queue spans all lessons,
ordered by due date; questions never seen join it once the learner has opened or quizzed
their lesson.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from fsrs import Card, Rating, Scheduler

from tutor.content import Catalog, ContentError, Question
from tutor.i18n.catalog import _, ngettext
from tutor.progress.store import Store


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class QueueItem:
    question: Question
    due: datetime
    new: bool              # never reviewed: joins the queue as due now


def course_questions(catalog: Catalog, warn: Callable[[str], None] | None = None) -> list[Question]:
    """Every question of every lesson, in course order; a broken quiz file is reported and skipped."""
    questions: list[Question] = []
    for lesson in catalog.lessons:
        try:
            questions.extend(catalog.quiz(lesson))
        except ContentError as exc:
            (warn or (lambda message: print(f"warning: {message}", file=sys.stderr)))(str(exc))
    return questions


class ReviewScheduler:
    """Reads and writes FSRS cards in the store. `clock` is injectable so tests control time."""

    def __init__(self, store: Store, scheduler: Scheduler | None = None,
                 clock: Callable[[], datetime] = utc_now) -> None:
        self.store = store
        self.fsrs = scheduler or Scheduler()
        self.clock = clock

    def card(self, key: str) -> Card | None:
        data = self.store.card(key)
        return Card.from_dict(data) if data else None  # type: ignore[arg-type]  # a CardDict we saved

    def record(self, key: str, lesson: str, correct: bool, when: datetime | None = None) -> Card:
        """Rate the card (Good if correct, else Again), save it with its review log, return it."""
        when = when or self.clock()
        # A fixed card_id (from the key) also avoids fsrs's 1 ms sleep when it makes an id itself.
        card = self.card(key) or Card(card_id=int(key[:12], 16), due=when)
        rating = Rating.Good if correct else Rating.Again
        card, _log = self.fsrs.review_card(card, rating, review_datetime=when)
        self.store.record_review(key, lesson, dict(card.to_dict()), card.due.timestamp(), int(rating), correct)
        return card

    def active_lessons(self) -> set[str]:
        """Lessons the learner has opened or quizzed: their unseen questions join the queue."""
        return set(self.store.lesson_positions()) | {c["lesson"] for c in self.store.cards()}

    def queue(self, questions: Iterable[Question], now: datetime | None = None,
              include_new: bool = False) -> list[QueueItem]:
        """The cards due at `now`, earliest due first. Only cards the learner has seen: a question
        becomes a card when it is first answered in its lesson's quiz, so reading a lesson or
        answering one question never makes a lesson's unseen questions "due". With include_new,
        the unseen questions of lessons opened or quizzed follow (due now) after the overdue."""
        now = now or self.clock()
        stored = {c["card_key"]: c for c in self.store.cards()}
        active = self.active_lessons() if include_new else set()
        items: list[QueueItem] = []
        seen: set[str] = set()
        for question in questions:
            if question.key in seen:      # an identical question twice in a lesson is one card
                continue
            seen.add(question.key)
            if question.key in stored:
                due = datetime.fromtimestamp(stored[question.key]["due_ts"], UTC)
                if due <= now:
                    items.append(QueueItem(question, due, new=False))
            elif question.lesson in active:
                items.append(QueueItem(question, now, new=True))
        # sorted() is stable: equal due dates keep course order.
        return sorted(items, key=lambda item: (item.due, item.new))

    def next_due(self, questions: Iterable[Question]) -> datetime | None:
        """When the earliest card of these questions falls due (cards of edited questions are ignored)."""
        keys = {q.key for q in questions}
        dues = [c["due_ts"] for c in self.store.cards() if c["card_key"] in keys]
        return datetime.fromtimestamp(min(dues), UTC) if dues else None


# "in N units", one entry per unit so the catalogue has each whole phrase with its plural.
WAITS = {
    "minute": lambda n: ngettext("in {count} minute", "in {count} minutes", n),
    "hour": lambda n: ngettext("in {count} hour", "in {count} hours", n),
    "day": lambda n: ngettext("in {count} day", "in {count} days", n),
}


def describe_wait(due: datetime, now: datetime) -> str:
    """'now', 'in 9 minutes', 'in 3 hours', 'in 2 days'."""
    seconds = (due - now).total_seconds()
    if seconds <= 0:
        return _("now")
    if seconds < 30:
        return _("in less than a minute")
    # Round at each unit, then promote: 59.6 minutes reads "in 1 hour", not "in 60 minutes".
    for unit, size, limit in (("minute", 60, 60), ("hour", 3600, 24), ("day", 86400, None)):
        count = round(seconds / size)
        if limit is None or count < limit:
            return WAITS[unit](count).format(count=count)
    raise AssertionError("unreachable")
