"""The course in order — each lesson's sections, then its exercises, then its quiz — and what
comes next: after an exercise, and for "Continue" on Home (the first unfinished thing).

Pure functions of the catalog and the progress store; no Textual here.
"""
from __future__ import annotations

from dataclasses import dataclass

from tutor.content import Exercise
from tutor.i18n.catalog import _


@dataclass(frozen=True)
class Step:
    kind: str                 # lesson | exercise | quiz
    target: str               # a lesson id or an exercise id
    section: int = 0          # for a lesson: the 0-based section to open
    title: str = ""

    @property
    def label(self) -> str:
        if self.kind == "lesson":
            return f"{self.title} § {self.section + 1}"
        if self.kind == "quiz":
            return _("Quiz: {title}").format(title=self.title)
        return _("Exercise: {title}").format(title=self.title)


def course_exercises(catalog) -> list[Exercise]:
    """Every exercise, in the order the lessons list them (an exercise listed twice counts once)."""
    seen: dict[str, Exercise] = {}
    for lesson in catalog.lessons:
        for exercise in catalog.lesson_exercises(lesson):
            seen.setdefault(exercise.id, exercise)
    return list(seen.values())


def next_exercise(catalog, exercise_id: str) -> Exercise | None:
    """The exercise after `exercise_id` in course order; None after the last one."""
    ordered = course_exercises(catalog)
    ids = [e.id for e in ordered]
    if exercise_id not in ids:
        return None
    index = ids.index(exercise_id)
    return ordered[index + 1] if index + 1 < len(ordered) else None


def lesson_of(catalog, exercise_id: str):
    """The first lesson that lists the exercise, or None."""
    return next((lesson for lesson in catalog.lessons if exercise_id in lesson.exercises), None)


def quiz_taken(store, lesson_id: str) -> bool:
    """A lesson's quiz counts as taken once one of its questions was answered (it has a card)."""
    return any(card["lesson"] == lesson_id for card in store.cards())


def first_unfinished(catalog, store) -> Step | None:
    """The first thing in course order that is not done: a lesson not read to its last section,
    an exercise not passed, a quiz not taken. None when the whole course is done."""
    positions = store.lesson_positions()
    states = store.exercise_states()
    taken = {card["lesson"] for card in store.cards()}
    for lesson in catalog.lessons:
        position = positions.get(lesson.id)
        last = max(0, len(lesson.sections) - 1)
        if position is None or position["section"] < last:
            section = min(position["section"], last) if position else 0
            return Step("lesson", lesson.id, section, lesson.title)
        for exercise in catalog.lesson_exercises(lesson):
            state = states.get(exercise.id)
            if state is None or not state.solved:
                return Step("exercise", exercise.id, title=exercise.title)
        if lesson.quiz_path is not None and lesson.id not in taken:
            return Step("quiz", lesson.id, title=lesson.title)
    return None


QUIZ_SESSION = 10       # questions per quiz sitting: a lesson's quiz is taken in short sessions


def quiz_sitting(questions: list, store) -> tuple[list, int]:
    """The questions for the next sitting of a lesson's quiz, and how many stay unanswered after it.

    The questions not answered yet come first, in the quiz's order, so a quiz left half-way
    resumes where the learner stopped; once all were answered, the quiz starts over."""
    answered = {card["card_key"] for card in store.cards()}
    unseen = [q for q in questions if q.key not in answered]
    pool = unseen or list(questions)
    sitting = pool[:QUIZ_SESSION]
    return sitting, max(0, len(unseen) - len(sitting))
