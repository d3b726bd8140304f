"""The command palette (ctrl+p): every place and action of the app, searchable by name."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tutor.i18n.catalog import _


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    run: Callable[[], object]


def tutor_commands(app) -> Iterator[Command]:
    """Everything the learner can open or do; the app's `open_*` methods do the work."""
    from tutor.demos.config import DEMOS

    catalog = app.catalog
    yield Command(_("Home"), _("Back to the curriculum"), app.go_home)
    yield Command(_("Review due cards"), _("Spaced-repetition review across all lessons"),
                  partial(app.open_quiz, review=True))
    yield Command(_("Progress"), _("Per-lesson table, time spent, export to JSON"), app.open_progress)
    yield Command(_("Help: key bindings"), _("Every key of every screen"), app.open_help)
    yield Command(_("Toggle light/dark theme"), _("Switch between the dark and the light theme"), app.action_toggle_theme)
    # Named in both languages, so a learner who reads only one of them finds it.
    yield Command(_("Language: switch to 中文"), _("The app and the course in Chinese (切换到中文); remembered"),
                  app.action_toggle_language)
    yield Command(_("Demos"), _("Pick a training demo to watch live"), partial(app.open_demo, None))
    for lesson in catalog.lessons:
        yield Command(_("Lesson {number}: {title}").format(number=lesson.order, title=lesson.title),
                      lesson.summary or _("Read the lesson"), partial(app.open_lesson, lesson.id))
    for lesson in catalog.lessons:
        if lesson.quiz_path is not None:
            yield Command(_("Quiz: {title}").format(title=lesson.title),
                          _("Questions on lesson {number}").format(number=lesson.order),
                          partial(app.open_quiz, lesson.id))
    for exercise in sorted(catalog.exercises.values(), key=lambda e: e.id):
        yield Command(_("Exercise: {id} — {title}").format(id=exercise.id, title=exercise.title),
                      _("Write {functions}").format(functions=", ".join(exercise.functions)),
                      partial(app.open_exercise, exercise.id))
    for name, description in DEMOS.items():
        yield Command(_("Demo: {name}").format(name=name), _(description), partial(app.open_demo, name))


class TutorCommands(Provider):
    async def discover(self) -> Hits:
        for command in tutor_commands(self.app):
            yield DiscoveryHit(command.name, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in tutor_commands(self.app):
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(score, matcher.highlight(command.name), command.run, text=command.name, help=command.help)
