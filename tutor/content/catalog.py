"""The whole course: lessons, exercises and quizzes, cross-checked."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from tutor import paths
from tutor.content.errors import ContentError, key_line
from tutor.content.exercises import Exercise, load_exercise
from tutor.content.lessons import LESSON_FILE, Lesson, load_lesson
from tutor.content.quizzes import Question, load_quiz
from tutor.content.translations import (
    ZH,
    TranslationProblem,
    avoided_words,
    exercise_overlay,
    lesson_overlay,
    quiz_overlay,
)
from tutor.i18n.catalog import N_, _


@dataclass
class Catalog:
    lessons: list[Lesson]
    exercises: dict[str, Exercise]
    errors: list[ContentError]
    lang: str = "en"     # the language its words are in; ids, answers and code are the same in both
    # Chinese text that is missing or broken (each such item is shown in English, marked fallback_en)
    translation_problems: list[TranslationProblem] = field(default_factory=list)

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
        """The lesson's questions in the catalog's language (answers and keys from the English file)."""
        if lesson.quiz_path is None:
            return []
        questions = load_quiz(lesson.quiz_path)[1]
        if self.lang == ZH:
            questions = quiz_overlay(lesson.quiz_path, questions)[0]
        return questions

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


# kind -> the sentence naming what was not found, in the learner's language.
UNKNOWN: dict[str, str] = {
    "lesson": N_("Unknown lesson {given}."),
    "exercise": N_("Unknown exercise {given}."),
    "lesson or exercise": N_("Unknown lesson or exercise {given}."),
}


def unknown_message(kind: str, given: str, known: list[str]) -> str:
    # Only close matches: a name holding what was typed, or one a typo away (0.5 suggested 'rnn_cell' for 'relu').
    holding = [name for name in known if len(given) >= 3 and given.lower() in name.lower()]
    close = list(dict.fromkeys(holding + difflib.get_close_matches(given, known, n=3, cutoff=0.7)))[:3]
    message = _(UNKNOWN[kind]).format(given=repr(given))
    if close:
        names = repr(close[0])
        for name in close[1:]:
            names = _("{first} or {second}").format(first=names, second=repr(name))
        suggestion = _("Did you mean {names}?").format(names=names)
        message = _("{sentence} {next}").format(sentence=message, next=suggestion)
    return _("{sentence} {next}").format(sentence=message, next=_("Run 'dltutor list' to see them all."))


def _raise(error: ContentError) -> None:
    raise error


def load_catalog(root: Path | None = None, strict: bool = False, deep: bool = True, lang: str = "en") -> Catalog:
    """Load everything; collect per-file errors instead of stopping at the first (unless strict).

    deep=False skips parsing quizzes and exercise Python files: the app and CLI start faster,
    and `dltutor validate` (run by the test suite) still checks all of it.
    lang="zh" lays the Chinese edition over the English course, item by item (translations.py);
    what it lacks stays English, marked fallback_en, and is listed in translation_problems.
    """
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
    lesson_files = [p for p in sorted(lesson_dir.glob("*.md")) if LESSON_FILE.match(p.name)] if lesson_dir.is_dir() else []
    for path in lesson_files:
        if lesson := attempt(load_lesson, path):
            lessons.append(lesson)
    # An exercise whose lesson file is broken would also report "unknown lesson": one error is enough.
    some_lesson_broken = len(lessons) < len(lesson_files)
    broken_exercises: set[str] = set()   # folders whose error is already reported: no "unknown exercise" too
    for folder in sorted(exercise_dir.iterdir()) if exercise_dir.is_dir() else []:
        if not folder.is_dir() or folder.name.startswith((".", "_")):
            continue
        if (folder / "exercise.toml").exists():
            if ex := attempt(load_exercise, folder, deep):
                exercises[ex.id] = ex
            else:
                broken_exercises.add(folder.name)
        elif any(folder.glob("*.py")):
            # Half an exercise (files but no manifest) would silently vanish from the course.
            attempt(_raise, ContentError(folder, "has Python files but no exercise.toml"))
    lessons.sort(key=lambda l: (l.order, l.id))

    problems: list[ContentError] = []
    ids: dict[str, Path] = {}
    orders: dict[int, Path] = {}
    for lesson in lessons:
        if lesson.id in ids:
            problems.append(ContentError(lesson.path, f"lesson id {lesson.id!r} is also used by {ids[lesson.id].name}", 1))
        if lesson.order in orders:
            problems.append(ContentError(lesson.path, f"order {lesson.order} is also used by {orders[lesson.order].name}", 1))
        ids[lesson.id] = lesson.path
        orders[lesson.order] = lesson.path
        if lesson.id in exercises:
            problems.append(ContentError(lesson.path, f"lesson id {lesson.id!r} is also an exercise id", 1))
        for exercise_id in lesson.exercises:
            if exercise_id in broken_exercises:
                continue
            if exercise_id not in exercises:
                problems.append(ContentError(lesson.path, unknown_message("exercise", exercise_id, list(exercises)),
                                             lesson.exercises_line))
            elif exercises[exercise_id].lesson != lesson.id:
                problems.append(ContentError(lesson.path, f"lists exercise {exercise_id!r}, whose exercise.toml says "
                                             f"lesson = {exercises[exercise_id].lesson!r}", lesson.exercises_line))
        if deep and lesson.quiz_path is not None:
            quiz_lesson = attempt(load_quiz, lesson.quiz_path)
            if quiz_lesson and quiz_lesson[0] != lesson.id:
                problems.append(ContentError(lesson.quiz_path, f"says lesson = {quiz_lesson[0]!r} but sits beside lesson {lesson.id!r}"))
    for quiz_path in sorted(lesson_dir.glob("*.quiz.toml")) if lesson_dir.is_dir() else []:
        if not quiz_path.with_name(quiz_path.name[:-len(".quiz.toml")] + ".md").exists():
            problems.append(ContentError(quiz_path, "has no lesson beside it (a quiz for NN-slug.md is NN-slug.quiz.toml)"))
    for exercise in exercises.values():
        manifest = exercise.folder / "exercise.toml"
        if exercise.lesson not in ids:
            if some_lesson_broken:
                continue
            problems.append(ContentError(manifest, unknown_message("lesson", exercise.lesson, list(ids)),
                                         key_line(manifest.read_text(encoding="utf-8"), "lesson")))
        elif not any(exercise.id in lesson.exercises for lesson in lessons if lesson.id == exercise.lesson):
            problems.append(ContentError(manifest, f"says lesson = {exercise.lesson!r}, but that lesson's "
                                         "front matter does not list it in 'exercises'",
                                         key_line(manifest.read_text(encoding="utf-8"), "lesson")))
    if strict and problems:
        raise problems[0]
    errors.extend(problems)
    if lang == ZH:
        return _in_chinese(root, Catalog(lessons, exercises, errors), deep)
    return Catalog(lessons, exercises, errors)


def _in_chinese(root: Path, english: Catalog, deep: bool) -> Catalog:
    """The Chinese edition of a loaded English catalog: every item overlaid, its problems collected."""
    avoid = avoided_words(root)
    found: list[TranslationProblem] = []
    lessons = []
    for lesson in english.lessons:
        shown, problems = lesson_overlay(lesson, avoid)
        lessons.append(shown)
        found += problems
        if deep and lesson.quiz_path is not None:
            try:
                found += quiz_overlay(lesson.quiz_path, load_quiz(lesson.quiz_path)[1], avoid)[1]
            except ContentError:
                pass             # the English quiz is broken: already a catalog error
    exercises = {}
    for exercise_id, exercise in english.exercises.items():
        exercises[exercise_id], problems = exercise_overlay(exercise, avoid)
        found += problems
    known = {lesson.path.name for lesson in english.lessons}
    known |= {lesson.quiz_path.name for lesson in english.lessons if lesson.quiz_path is not None}
    folder = root / "lessons" / ZH
    for path in sorted(folder.glob("*.md")) + sorted(folder.glob("*.quiz.toml")) if folder.is_dir() else []:
        if path.name != "GLOSSARY.md" and path.name not in known:
            found.append(TranslationProblem(path, "broken", f"translates lessons/{path.name}, which does not exist "
                                                            "(same file name as the English)"))
    return Catalog(lessons, exercises, english.errors, lang=ZH, translation_problems=found)


def shipped_catalog(lang: str | None = None) -> Catalog:
    """The course as shipped, in `lang` (default: the language in force), loaded quickly (the test
    suite validates it deeply). Ask again after the learner switches language."""
    if lang is None:
        from tutor.i18n.lang import current_language

        lang = current_language()
    return _shipped(lang)


@lru_cache(maxsize=2)
def _shipped(lang: str) -> Catalog:
    from tutor.content.cache import cached

    root = paths.content_root()
    return cached(root, lambda: load_catalog(root, deep=False, lang=lang), lang)


shipped_catalog.cache_clear = _shipped.cache_clear  # type: ignore[attr-defined]  # tests: a fresh course
