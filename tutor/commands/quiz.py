"""`dltutor quiz [LESSON]` and `dltutor review`: quiz sessions in the terminal.

Answers are read line by line from stdin, so a quiz can be piped (`printf 'b\\n6x28x28\\n' |
dltutor quiz convnets`); end of input ends the session with its score. The engine is
tutor.quiz.session.QuizSession, shared with the TUI.
"""
from __future__ import annotations

import argparse
import sys

from tutor.quiz import REVIEW_LIMIT


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    if name == "quiz":
        parser.add_argument("lesson", nargs="?",
                            help="lesson id or number (default: the lesson you read last, or the first)")
        parser.add_argument("--limit", type=_positive, default=None, metavar="N", help="ask at most N questions")
    else:
        parser.add_argument("--limit", type=_positive, default=REVIEW_LIMIT, metavar="N",
                            help=f"review at most N cards (default {REVIEW_LIMIT})")
    parser.add_argument("--seed", type=int, default=None, metavar="N",
                        help="seed for the generated questions' numbers (repeat a quiz exactly)")


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
            print("There are no quizzes yet.", file=sys.stderr)
            return 1
    if lesson.quiz_path is None:
        print(f"Lesson {lesson.id!r} has no quiz yet.", file=sys.stderr)
        return 1
    try:
        questions = catalog.quiz(lesson)
    except ContentError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    session = QuizSession(questions, reviews, seed=args.seed, limit=args.limit)
    console.print(f"[bold]Quiz: {_escape(lesson.title)}[/] — {session.total} question"
                  f"{'s' if session.total != 1 else ''} [dim](seed {session.seed})[/]")
    _ask_all(console, session, show_lesson=False)
    console.print("[dim]Cards you answered are now in your review queue: [bold]dltutor review[/][/]")
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
            console.print("Nothing due, and no cards yet: take a quiz first ([bold]dltutor quiz[/]).")
        else:
            console.print(f"Nothing due, next review {describe_wait(upcoming, now)} "
                          f"({upcoming.astimezone().strftime('%Y-%m-%d %H:%M')}).")
        return 0
    fresh = sum(item.new for item in queue)
    session = QuizSession([item.question for item in queue], reviews, seed=args.seed, limit=args.limit)
    detail = f" ({fresh} new)" if fresh else ""
    plural = "s" if len(queue) != 1 else ""
    asking = "" if session.total == len(queue) else f"; asking {session.total} now"
    console.print(f"[bold]Review[/]: {len(queue)} card{plural} due{detail}{asking}.")
    _ask_all(console, session, show_lesson=True)
    left = len(reviews.queue(questions))
    upcoming = reviews.next_due(questions)
    if left:
        console.print(f"[dim]{left} more card{'s' if left != 1 else ''} due now: [bold]dltutor review[/][/]")
    elif upcoming is not None:
        console.print(f"[dim]Next review {describe_wait(upcoming, reviews.clock())}.[/]")
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
            where = f" · {question.lesson}" if show_lesson else ""
            console.print(Rule(f"Question {session.number}/{session.total}{where}", style="dim"))
            console.print(Text(question.prompt))      # learner-facing content: no markup
            for letter, choice in question.labelled_choices:
                console.print(Text.assemble((f"  {letter}) ", "bold"), choice))
            while True:
                text = _read_answer(console, f"[cyan]›[/] [dim]({question.input_hint}; ? shows the answer)[/] ")
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
                console.print(f"[dim]Next review of this card {describe_wait(outcome.due, session.reviews.clock())}.[/]")
    except KeyboardInterrupt:
        stopped = True
        console.print()
    score = session.score
    console.print(Rule(style="dim"))
    if stopped:
        console.print(f"Stopped after {score.answered} of {score.total} questions.")
    console.print(f"[bold]Score: {score}[/]")
