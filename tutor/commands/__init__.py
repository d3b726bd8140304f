"""Subcommands: thin front ends over the engines. Each module: configure(name, parser), run(args)."""
from __future__ import annotations

from tutor.content import Catalog, shipped_catalog
from tutor.i18n.catalog import _
from tutor.i18n.wrap import install_cjk_line_breaks

install_cjk_line_breaks()       # rich may break Chinese between characters (it wraps at spaces only)


class UsageError(Exception):
    """A bad id or argument: the CLI prints it and exits with code 2."""


def course() -> Catalog:
    """The shipped course (cached after the first load)."""
    return shipped_catalog()


def resolve_exercise(exercise_id: str):
    catalog = shipped_catalog()
    try:
        return catalog.exercise(exercise_id)
    except KeyError as exc:
        message = exc.args[0]
    # A lesson's id where an exercise's belongs ('dltutor check convnets'): name its exercises.
    try:
        lesson = catalog.lesson(exercise_id)
    except KeyError:
        raise UsageError(message) from None
    exercises = [exercise.id for exercise in catalog.lesson_exercises(lesson)]
    if exercises:
        message = _("{given} is a lesson, not an exercise; its exercises are {exercises}.").format(
            given=repr(exercise_id), exercises=", ".join(exercises))
    raise UsageError(message)


def resolve_lesson(lesson_id: str):
    catalog = shipped_catalog()
    try:
        return catalog.lesson(lesson_id)
    except KeyError as exc:
        message = exc.args[0]
    # An exercise's id where a lesson's belongs ('dltutor quiz softmax'): name its lesson.
    try:
        lesson = catalog.exercise(lesson_id).lesson
    except KeyError:
        raise UsageError(message) from None
    raise UsageError(_("{given} is an exercise, not a lesson; it belongs to lesson {lesson}.").format(
        given=repr(lesson_id), lesson=repr(lesson)))


def open_store_with_notice():
    """Open the progress store; say so on stderr if a broken database was moved aside."""
    import sys

    from tutor.progress import open_store

    store = open_store()
    if store.notice:
        from tutor.i18n.catalog import _

        print(_("note: {notice}").format(notice=store.notice), file=sys.stderr)
    return store
