"""`dltutor quiz [LESSON]` and `dltutor review`: quiz sessions in the terminal.

Answers are read line by line from stdin, so a quiz can be piped (`printf 'b\\n6x28x28\\n' |
dltutor quiz convnets`); end of input ends the session with its score. The engine is
tutor.quiz.session.QuizSession, shared with the TUI.
"""
from __future__ import annotations

import argparse
import sys

from tutor.i18n.catalog import _, ngettext
from tutor.quiz import REVIEW_LIMIT


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("expected a whole number, got {text!r}").format(text=text)) from None
    if value < 1:
        raise argparse.ArgumentTypeError(_("must be at least 1, got {value}").format(value=value))
    return value


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    if name == "quiz":
        parser.add_argument("lesson", nargs="?",
                            help=_("lesson id or number (default: the lesson you read last, or the first)"))
        parser.add_argument("--limit", type=_positive, default=None, metavar="N", help=_("ask at most N questions"))
    else:
        parser.add_argument("--limit", type=_positive, default=REVIEW_LIMIT, metavar="N",
                            help=_("review at most N cards (default {limit})").format(limit=REVIEW_LIMIT))
    parser.add_argument("--seed", type=int, default=None, metavar="N",
                        help=_("seed for the generated questions' numbers (repeat a quiz exactly)"))


def run(args: argparse.Namespace) -> int:
    from rich.console import Console

    from tutor.commands import course, open_store_with_notice
    from tutor.quiz.scheduler import ReviewScheduler

    console = Console(highlight=False)
    catalog = course()
    store = open_store_with_notice()
    try:
        reviews = ReviewScheduler(store)
        if args.command == "review":
            return _review(console, catalog, reviews, args)
        return _quiz(console, catalog, reviews, args)
    finally:
        store.close()


def _quiz(console, catalog, reviews, args) -> int:
    from tutor.commands import resolve_lesson
    from tutor.content import ContentError
    from tutor.quiz.session import QuizSession

    if args.lesson:
        lesson = resolve_lesson(args.lesson)
    else:
        from tutor.quiz.session import default_quiz_lesson

        lesson = default_quiz_lesson(catalog, reviews.store)
        if lesson is None:
            print(_("There are no quizzes yet."), file=sys.stderr)
            return 1
    if lesson.quiz_path is None:
        print(_("Lesson {lesson!r} has no quiz yet.").format(lesson=lesson.id), file=sys.stderr)
        return 1
    try:
        questions = catalog.quiz(lesson)
    except ContentError as exc:
        print(_("error: {problem}").format(problem=exc), file=sys.stderr)
        return 1
    session = QuizSession(questions, reviews, seed=args.seed, limit=args.limit)
    console.print("[bold]" + _escape(_("Quiz: {title}").format(title=lesson.title)) + "[/] — "
                  + _escape(ngettext("{count} question", "{count} questions", session.total).format(count=session.total))
                  + " [dim]" + _escape(_("(seed {seed})").format(seed=session.seed)) + "[/]")
    _ask_all(console, session, show_lesson=False)
    console.print("[dim]" + _("Cards you answered are now in your review queue: [bold]dltutor review[/]") + "[/]")
    return 0


def _review(console, catalog, reviews, args) -> int:
    from tutor.quiz.scheduler import course_questions, describe_wait
    from tutor.quiz.session import QuizSession

    questions = course_questions(catalog)
    queue = reviews.queue(questions)
    now = reviews.clock()
    if not queue:
        upcoming = reviews.next_due(questions)
        if upcoming is None:
            console.print(_("Nothing due, and no cards yet: take a quiz first ([bold]dltutor quiz[/])."))
        else:
            console.print(_escape(_("Nothing due, next review {when} ({date}).").format(
                when=describe_wait(upcoming, now), date=upcoming.astimezone().strftime("%Y-%m-%d %H:%M"))))
        return 0
    fresh = sum(item.new for item in queue)
    session = QuizSession([item.question for item in queue], reviews, seed=args.seed, limit=args.limit)
    due = ngettext("{count} card due", "{count} cards due", len(queue)).format(count=len(queue))
    if fresh:
        due = _("{due} ({fresh} new)").format(due=due, fresh=fresh)
    if session.total != len(queue):
        due = _("{due}; asking {count} now").format(due=due, count=session.total)
    console.print("[bold]" + _("Review") + "[/]" + _escape(_(": {due}.").format(due=due)))
    _ask_all(console, session, show_lesson=True)
    left = len(reviews.queue(questions))
    upcoming = reviews.next_due(questions)
    if left:
        console.print("[dim]" + _escape(ngettext("{count} more card due now:", "{count} more cards due now:",
                                                 left).format(count=left)) + " [bold]dltutor review[/][/]")
    elif upcoming is not None:
        console.print("[dim]" + _escape(_("Next review {when}.").format(when=describe_wait(upcoming, reviews.clock())))
                      + "[/]")
    return 0


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _read_answer(console, prompt: str) -> str | None:
    """One line from stdin; None at end of input. Piped answers are echoed so the transcript reads well."""
    console.print(prompt, end="")
    sys.stdout.flush()
    line = sys.stdin.readline()
    if not line:
        console.print()
        return None
    if not sys.stdin.isatty():
        console.print(line.rstrip("\n"), markup=False)
    return line.rstrip("\r\n")


def _ask_all(console, session, show_lesson: bool) -> None:
    from rich.rule import Rule
    from rich.text import Text

    from tutor.quiz.scheduler import describe_wait

    stopped = False
    try:
        while (question := session.current) is not None:
            title = _("Question {number}/{total}").format(number=session.number, total=session.total)
            console.print(Rule(f"{title} · {question.lesson}" if show_lesson else title, style="dim"))
            console.print(Text(question.prompt))      # learner-facing content: no markup
            for letter, choice in question.labelled_choices:
                console.print(Text.assemble((f"  {letter}) ", "bold"), choice))
            while True:
                text = _read_answer(console, "[cyan]›[/] [dim]" + _escape(
                    _("({how}; ? shows the answer)").format(how=question.input_hint)) + "[/] ")
                if text is None:
                    stopped = True
                    break
                outcome = session.submit(text)
                if outcome.accepted:
                    break
                console.print(Text(outcome.verdict.feedback, style="yellow"))
            if stopped:
                break
            mark = ("✔ ", "green") if outcome.correct else ("✘ ", "red")
            console.print(Text.assemble(mark, (outcome.verdict.feedback, mark[1])))
            console.print(Text(outcome.explanation))
            if outcome.due is not None:
                console.print("[dim]" + _escape(_("Next review of this card {when}.").format(
                    when=describe_wait(outcome.due, session.reviews.clock()))) + "[/]")
    except KeyboardInterrupt:
        stopped = True
        console.print()
    score = session.score
    console.print(Rule(style="dim"))
    if stopped:
        console.print(_("Stopped after {answered} of {total} questions.").format(answered=score.answered,
                                                                                 total=score.total))
    console.print("[bold]" + _escape(_("Score: {score}").format(score=score)) + "[/]")
