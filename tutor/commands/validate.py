"""`dltutor validate`: check every lesson, exercise and quiz; list each problem with file and line.

It also checks the Chinese edition (lessons/zh/, exercises/<id>/zh.toml and starter.zh.py) against
the English: a broken translation (one a learner would be shown in English instead, or one using a
word the glossary rules out) is a problem; a missing one is listed but, while translations are
still being written, only fails with --require-translations (tests/test_zh_content.py requires them).
"""
from __future__ import annotations

import argparse

from tutor.commands import UsageError
from tutor.i18n.catalog import _


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", help=_("a folder holding lessons/ and exercises/ (default: the shipped content)"))
    parser.add_argument("--require-translations", action="store_true",
                        help=_("count a missing Chinese translation as a problem too"))


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from tutor import paths
    from tutor.content import load_catalog
    from tutor.content.translations import MISSING

    root = Path(args.root).expanduser() if args.root else paths.content_root()
    if not (root / "lessons").is_dir() and not (root / "exercises").is_dir():
        # Validating an empty or mistyped folder must not report "0 problems".
        raise UsageError(_("{root} has no lessons/ or exercises/ folder to validate.").format(root=root))
    catalog = load_catalog(root, lang="zh")
    questions = 0
    quizzes_in_chinese = 0
    for lesson in catalog.lessons:
        try:
            quiz = catalog.quiz(lesson)
        except Exception:  # already reported as a catalog error
            continue
        questions += len(quiz)
        quizzes_in_chinese += bool(quiz) and not any(q.fallback_en for q in quiz)
    errors = catalog.errors + _note_problems(catalog)
    for error in errors:
        print(f"error: {error}")
    translations = catalog.translation_problems + _check_phrase_problems(catalog)
    missing = [p for p in translations if p.kind == MISSING]
    wrong = [p for p in translations if p.kind != MISSING]
    for problem in wrong:
        print(f"translation: {problem}")
    for problem in missing:
        print(f"{'translation' if args.require_translations else 'untranslated'}: {problem}")
    counted = len(errors) + len(wrong) + (len(missing) if args.require_translations else 0)
    # "error:", "translation:" and "untranslated:" above are tags scripts grep for: English in every language.
    summary = (_("{lessons} lessons, {exercises} exercises, {questions} quiz questions; 1 problem.") if counted == 1
               else _("{lessons} lessons, {exercises} exercises, {questions} quiz questions; {count} problems."))
    print(summary.format(lessons=len(catalog.lessons), exercises=len(catalog.exercises), questions=questions,
                         count=counted))
    print(_coverage(catalog, quizzes_in_chinese, len(missing)))
    return 1 if counted else 0


def _check_phrase_problems(catalog) -> list:
    """The check names and checks.py sentences zh.toml lacks: reading them imports each checks.py
    (and so PyTorch), which the content engine alone never does."""
    from tutor.grading.exercise_files import phrase_problems

    return [problem for exercise in catalog.exercises.values() for problem in phrase_problems(exercise)]


def _note_problems(catalog) -> list:
    """Note checks and [notes.<id>] tables that do not pair up (imports each checks.py, as above)."""
    from tutor.grading.exercise_files import note_problems

    return [problem for exercise in catalog.exercises.values() for problem in note_problems(exercise)]


def _coverage(catalog, quizzes: int, missing: int) -> str:
    """'Chinese edition: 15/15 lessons, 15/15 quizzes, 40/42 exercises in Chinese; 2 missing translations.'"""
    lessons = sum(not lesson.fallback_en for lesson in catalog.lessons)
    with_quiz = [lesson for lesson in catalog.lessons if lesson.quiz_path is not None]
    exercises = sum(not (e.fallback_en or e.starter_fallback_en or any(m.fallback_en for m in e.mistakes.values())
                        or any(n.fallback_en for n in e.notes.values()))
                    for e in catalog.exercises.values())
    coverage = (_("Chinese edition: {lessons}/{all_lessons} lessons, {quizzes}/{all_quizzes} quizzes, "
                  "{exercises}/{all_exercises} exercises in Chinese; 1 missing translation.") if missing == 1 else
                _("Chinese edition: {lessons}/{all_lessons} lessons, {quizzes}/{all_quizzes} quizzes, "
                  "{exercises}/{all_exercises} exercises in Chinese; {missing} missing translations."))
    return coverage.format(lessons=lessons, all_lessons=len(catalog.lessons), quizzes=quizzes,
                           all_quizzes=len(with_quiz), exercises=exercises, all_exercises=len(catalog.exercises),
                           missing=missing)
