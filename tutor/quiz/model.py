"""A question as the learner sees it: prompt, choices, how to check an answer, explanation.

Quiz files give `Question`s (tutor.content.quizzes); `present` turns one into a concrete
`PresentedQuestion`. For a generated question the seed picks the numbers, so the same seed
always shows the same question; the review card stays the `Question`'s (its `key`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tutor.content.quizzes import Question
from tutor.i18n.catalog import _
from tutor.quiz import answers
from tutor.quiz.generators import generate


@dataclass(frozen=True)
class PresentedQuestion:
    key: str                         # the review card: Question.key
    lesson: str
    kind: str                        # 'choice' | 'multi' | 'numeric' | 'shape'
    prompt: str
    answer: object                   # int index | frozenset of indices | number | tuple of ints
    explanation: str
    choices: tuple[str, ...] = ()
    tolerance: float | None = None
    generator: str | None = None     # set for generated questions
    seed: int | None = None          # the seed that drew a generated question's numbers
    verify: str | None = None        # a PyTorch expression whose value is the answer, if known
    spec: dict = field(default_factory=dict, compare=False, repr=False)

    def check(self, text: str) -> answers.Verdict:
        return answers.check(self.kind, self.answer, text, self.choices, self.tolerance)

    @property
    def answer_text(self) -> str:
        """The right answer, written the way the learner could type it."""
        return answers.format_answer(self.kind, self.answer, self.choices)

    @property
    def labelled_choices(self) -> list[tuple[str, str]]:
        """[('a', 'first choice'), ('b', …), …]."""
        return [(answers.format_choice(i), text) for i, text in enumerate(self.choices)]

    @property
    def input_hint(self) -> str:
        """A short line telling the learner what to type."""
        last = answers.format_choice(len(self.choices) - 1) if self.choices else ""
        return {
            "choice": lambda: _("one letter, a–{last}").format(last=last),
            "multi": lambda: _("every right letter, e.g. a,c (choices a–{last})").format(last=last),
            "numeric": lambda: _("a number, e.g. 456, 0.25 or 1/4"),
            "shape": lambda: _("a shape, e.g. 6x28x28"),
        }[self.kind]()


def present(question: Question, seed: int = 0) -> PresentedQuestion:
    """The concrete question to show; `seed` only matters for generated questions."""
    if question.kind == "generated":
        assert question.generator is not None   # the loader requires one for generated questions
        drawn = generate(question.generator, seed)
        return PresentedQuestion(key=question.key, lesson=question.lesson, kind=drawn.kind, prompt=drawn.prompt,
                                 answer=drawn.answer, explanation=drawn.explanation, tolerance=drawn.tolerance,
                                 generator=question.generator, seed=seed, verify=drawn.verify, spec=drawn.spec)
    answer: Any = question.answer
    if question.kind == "multi":
        answer = frozenset(answer)
    elif question.kind == "shape":
        answer = tuple(answer)
    return PresentedQuestion(key=question.key, lesson=question.lesson, kind=question.kind, prompt=question.prompt,
                             answer=answer, explanation=question.explanation, choices=question.choices,
                             tolerance=question.tolerance, verify=question.verify)
