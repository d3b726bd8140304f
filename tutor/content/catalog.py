"""The whole course: lessons, exercises and quizzes, cross-checked."""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tutor import paths
from tutor.content.errors import ContentError
from tutor.content.exercises import Exercise, load_exercise
from tutor.content.lessons import LESSON_FILE, Lesson, load_lesson
from tutor.content.quizzes import Question, load_quiz


@dataclass
class Catalog:
    lessons: list[Lesson]
    exercises: dict[str, Exercise]
    errors: list[ContentError]

    def lesson(self, lesson_id: str) -> Lesson:
        for lesson in self.lessons:
            if lesson.id == lesson_id or f"{lesson.order:02d}" == lesson_id or str(lesson.order) == lesson_id:
                return lesson
        raise KeyError(unknown_message("lesson", lesson_id, [l.id for l in self.lessons]))

    def exercise(self, exercise_id: str) -> Exercise:
        if exercise_id in self.exercises:
            return self.exercises[exercise_id]
        raise KeyError(unknown_message("exercise", exercise_id, list(self.exercises)))

    def lesson_exercises(self, lesson: Lesson) -> list[Exercise]:
        return [self.exercises[e] for e in lesson.exercises if e in self.exercises]

    def quiz(self, lesson: Lesson) -> list[Question]:
        if lesson.quiz_path is None:
            return []
        return load_quiz(lesson.quiz_path)[1]

    def resolve(self, item_id: str) -> Lesson | Exercise:
        """An exercise or a lesson by id (or a lesson by number)."""
        if item_id in self.exercises:
            return self.exercises[item_id]
        try:
            return self.lesson(item_id)
        except KeyError:
            pass
        names = list(self.exercises) + [l.id for l in self.lessons]
        raise KeyError(unknown_message("lesson or exercise", item_id, names))


def unknown_message(kind: str, given: str, known: list[str]) -> str:
    close = difflib.get_close_matches(given, known, n=3, cutoff=0.5)
    hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    return f"Unknown {kind} {given!r}.{hint} Run 'dltutor list' to see them all."


def load_catalog(root: Path | None = None, strict: bool = False) -> Catalog:
    """Load everything; collect per-file errors instead of stopping at the first (unless strict)."""
    root = root or paths.content_root()
    errors: list[ContentError] = []
    lessons: list[Lesson] = []
    exercises: dict[str, Exercise] = {}

    def attempt(fn, *args):
        try:
            return fn(*args)
        except ContentError as exc:
            if strict:
                raise
            errors.append(exc)
            return None

    lesson_dir, exercise_dir = root / "lessons", root / "exercises"
    for path in sorted(lesson_dir.glob("*.md")) if lesson_dir.is_dir() else []:
        if LESSON_FILE.match(path.name) and (lesson := attempt(load_lesson, path)):
            lessons.append(lesson)
    for folder in sorted(exercise_dir.iterdir()) if exercise_dir.is_dir() else []:
        if folder.is_dir() and (folder / "exercise.toml").exists() and (ex := attempt(load_exercise, folder)):
            exercises[ex.id] = ex
    lessons.sort(key=lambda l: (l.order, l.id))

    problems: list[ContentError] = []
    ids = {}
    for lesson in lessons:
        if lesson.id in ids:
            problems.append(ContentError(lesson.path, f"lesson id {lesson.id!r} is also used by {ids[lesson.id].name}", 1))
        ids[lesson.id] = lesson.path
        if lesson.id in exercises:
            problems.append(ContentError(lesson.path, f"lesson id {lesson.id!r} is also an exercise id", 1))
        for exercise_id in lesson.exercises:
            if exercise_id not in exercises:
                problems.append(ContentError(lesson.path, unknown_message("exercise", exercise_id, list(exercises)), 1))
        if lesson.quiz_path is not None:
            quiz_lesson = attempt(load_quiz, lesson.quiz_path)
            if quiz_lesson and quiz_lesson[0] != lesson.id:
                problems.append(ContentError(lesson.quiz_path, f"says lesson = {quiz_lesson[0]!r} but sits beside lesson {lesson.id!r}"))
    for exercise in exercises.values():
        if exercise.lesson not in ids:
            problems.append(ContentError(exercise.folder / "exercise.toml",
                                         unknown_message("lesson", exercise.lesson, list(ids))))
    if strict and problems:
        raise problems[0]
    errors.extend(problems)
    return Catalog(lessons, exercises, errors)


@lru_cache(maxsize=1)
def shipped_catalog() -> Catalog:
    return load_catalog()
