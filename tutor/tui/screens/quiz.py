"""Quiz and review: one question at a time, answered from the keyboard, explained right after.

The engine is tutor.quiz.session.QuizSession, the same one `dltutor quiz` and `dltutor review`
drive; every accepted answer is recorded as an FSRS review in the store.
"""
from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, Input, Static

from tutor.content import Question
from tutor.i18n.catalog import N_, _, ngettext
from tutor.quiz.answers import format_choice
from tutor.quiz.model import PresentedQuestion
from tutor.quiz.scheduler import ReviewScheduler, describe_wait
from tutor.quiz.session import Outcome, QuizSession
from tutor.tui import messages
from tutor.tui.screens.base import TutorScreen
from tutor.tui.widgets.choices import ChoiceList
from tutor.tui.widgets.footer import TutorFooter

GIVE_UP = "?"          # what the engine reads as "show me the answer"
# An Enter this soon after a new question (or a verdict) is the tail of a double press: it
# neither submits an answer nobody typed nor skips the explanation just shown.
SETTLE_S = 0.4
WARNING = "bold $text-warning"    # the theme's warning colour, at AA contrast in both themes (tutor.tui.colours)


class QuizScreen(TutorScreen):
    BINDINGS = [
        Binding("enter,n", "next", N_("Next question"), tooltip=N_("Next question (after the verdict)"), id="quiz.next"),
        Binding("ctrl+g", "give_up", N_("Show answer"), key_display="ctrl+g",
                tooltip=N_("Give up and show the answer (typing ? in an answer box does too)"), id="quiz.give_up"),
        Binding("escape", "app.pop_screen", N_("Back"), id="quiz.back"),
    ]

    def __init__(self, questions: Sequence[Question], review: bool = False, *, seed: int | None = None,
                 title: str | None = None) -> None:
        super().__init__()
        self.questions = list(questions)
        self.review = review
        self.seed = seed
        self.title_text = title
        self.session: QuizSession | None = None
        self.outcome: Outcome | None = None      # the verdict on screen, until "next"
        self._shown_at = 0.0                     # when the question or the verdict appeared
        self.left_after = 0                      # a lesson quiz's questions left for later sittings

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="quiz-body"):
            yield Static(id="quiz-meta")
            yield Static(id="quiz-prompt")
            yield ChoiceList(id="quiz-choices")
            yield Input(id="quiz-answer")
            yield Static(id="quiz-hint")
            yield Static(id="quiz-verdict")
            yield Static(id="quiz-explanation")
            yield Static(id="quiz-next")
        yield TutorFooter()

    def on_mount(self) -> None:
        self.session = QuizSession(self.questions, ReviewScheduler(self.app.store), seed=self.seed)
        self._ask()

    @property
    def heading(self) -> str:
        if self.review:
            return _("Review")
        return _("Quiz: {title}").format(title=self.title_text) if self.title_text else _("Quiz")

    def relabel(self) -> None:
        """The words around the question in the language now in force (the question on screen
        stays as it was asked; the next one comes in the new language)."""
        if self.session is None:
            return
        if self.question is None:
            self._finish()
        elif self.outcome is None:
            self._ask()
        else:
            self.sub_title = f"{self.heading} · {self.session.number}/{self.session.total}"

    # -- state ----------------------------------------------------------------------------------
    @property
    def question(self) -> PresentedQuestion | None:
        return self.session.current if self.session else None

    @property
    def answering(self) -> bool:
        return self.outcome is None and self.question is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next":
            return self.outcome is not None
        if action == "give_up":
            return self.answering
        return True

    # -- showing --------------------------------------------------------------------------------
    def _settling(self) -> bool:
        return time.monotonic() - self._shown_at < SETTLE_S

    def _ask(self) -> None:
        assert self.session is not None   # mounted: the session exists
        question = self.question
        self.outcome = None
        self._shown_at = time.monotonic()
        choices = self.query_one(ChoiceList)
        answer = self.query_one("#quiz-answer", Input)
        self.query_one("#quiz-verdict", Static).update("")
        self.query_one("#quiz-explanation", Static).update("")
        self.query_one("#quiz-next", Static).update("")
        if question is None:
            self._finish()
            return
        self.sub_title = f"{self.heading} · {self.session.number}/{self.session.total}"
        meta = _("Question {number} of {total}").format(number=self.session.number, total=self.session.total)
        if self.review:
            meta += " · " + _("lesson {id}").format(id=question.lesson)
        self.query_one("#quiz-meta", Static).update(Text(meta, style="dim"))
        self.query_one("#quiz-prompt", Static).update(Text(question.prompt, style="bold"))
        if question.kind in ("choice", "multi"):
            choices.ask(question.labelled_choices, multiple=question.kind == "multi")
            choices.display = True
            answer.display = False
            how = (_("press a letter or number, or pick with ↑↓ and enter") if question.kind == "choice" else
                   _("toggle every right choice with its letter (or space), then enter"))
            self.query_one("#quiz-hint", Static).update(
                Text(_("{how} · ctrl+g shows the answer").format(how=how), style="dim"))
            choices.focus()
        else:
            choices.display = False
            answer.display = True
            answer.disabled = False
            answer.value = ""
            answer.placeholder = question.input_hint
            self.query_one("#quiz-hint", Static).update(
                Text(_("type {how}, then enter · ctrl+g (or ?) shows the answer").format(how=question.input_hint),
                     style="dim"))
            answer.focus()
        self.refresh_bindings()

    def _show_outcome(self, outcome: Outcome, picked: frozenset[int] | None) -> None:
        assert self.session is not None   # mounted: the session exists
        self.outcome = outcome
        self._shown_at = time.monotonic()
        question = outcome.question
        mark, style = ("✔ ", "bold green") if outcome.correct else ("✘ ", "bold red")
        self.query_one("#quiz-verdict", Static).update(Text.assemble((mark, style), (outcome.verdict.feedback, style)))
        self.query_one("#quiz-explanation", Static).update(Text(outcome.explanation))
        follow = _("enter: next question") if not self.session.finished else _("enter: see your score")
        if outcome.due is not None and self.session.reviews is not None:
            follow += " · " + _("this card comes back {when}").format(
                when=describe_wait(outcome.due, self.session.reviews.clock()))
        self.query_one("#quiz-next", Static).update(Text(follow, style="dim"))
        if question.kind in ("choice", "multi"):
            right: Any = question.answer if question.kind == "multi" else frozenset({question.answer})
            self.query_one(ChoiceList).reveal(frozenset(right), picked or frozenset())
        self.query_one("#quiz-answer", Input).disabled = True
        self.query_one("#quiz-body").focus()
        # On a short terminal the verdict lands below the fold: bring it (and "next") into view.
        self.call_after_refresh(self.query_one("#quiz-next").scroll_visible, animate=False)
        self.refresh_bindings()
        self.post_message(messages.ProgressChanged())

    def _finish(self) -> None:
        assert self.session is not None   # mounted: the session exists
        score = self.session.score
        self.sub_title = _("{heading} · done").format(heading=self.heading)
        self.query_one("#quiz-answer", Input).display = False
        self.query_one(ChoiceList).display = False
        self.query_one("#quiz-meta", Static).update("")
        self.query_one("#quiz-hint", Static).update("")
        self.query_one("#quiz-prompt", Static).update(Text(_("Score: {score}").format(score=score), style="bold"))
        lines = [ngettext("You answered {count} question.", "You answered {count} questions.",
                          score.answered).format(count=score.answered)]
        if self.review:
            left = len(self.app.review_queue())
            lines.append(ngettext("{count} more card due now.", "{count} more cards due now.", left).format(count=left)
                         if left else _("Nothing else is due now."))
        else:
            lines.append(_("The cards you answered are now in your review queue."))
            if self.left_after:
                lines.append(ngettext("{count} question of this quiz still to answer: open the quiz again to "
                                      "answer it.",
                                      "{count} questions of this quiz still to answer: open the quiz again for the "
                                      "next ones.", self.left_after).format(count=self.left_after))
        lines.append(_("escape: back"))
        self.query_one("#quiz-explanation", Static).update(Text("\n".join(lines)))
        self.query_one("#quiz-body").focus()
        self.refresh_bindings()

    # -- answering ------------------------------------------------------------------------------
    def submit(self, text: str, picked: frozenset[int] | None = None) -> None:
        assert self.session is not None   # mounted: the session exists
        if not self.answering:
            return
        if not text.strip():
            self.query_one("#quiz-verdict", Static).update(
                Content.styled(_("Type an answer first (ctrl+g shows it)."), WARNING))
            return
        outcome = self.session.submit(text)
        if not outcome.accepted:
            self.query_one("#quiz-verdict", Static).update(Content.styled(outcome.verdict.feedback, WARNING))
            return
        self._show_outcome(outcome, picked)

    def on_choice_list_picked(self, event: ChoiceList.Picked) -> None:
        if event.by_enter and self._settling():
            return                       # the second half of the enter that moved on to this question
        if not event.indices:
            self.query_one("#quiz-verdict", Static).update(
                Content.styled(_("Toggle at least one choice (its letter or space), then press enter."), WARNING))
            return
        self.submit(",".join(format_choice(i) for i in sorted(event.indices)), event.indices)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._settling():
            return                       # the second half of the enter that moved on to this question
        self.submit(event.value)

    def action_give_up(self) -> None:
        self.submit(GIVE_UP)

    def action_next(self) -> None:
        if self.outcome is not None and not self._settling():
            self._ask()
