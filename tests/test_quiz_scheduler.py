"""FSRS scheduling, the review queue, and the quiz session engine."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating, Scheduler, State

from tutor.content.quizzes import load_quiz
from tutor.progress.store import Store
from tutor.quiz.scheduler import ReviewScheduler, describe_wait
from tutor.quiz.session import QuizSession, question_seed

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def quiz_file(folder: Path, lesson: str, prompts: list[str], extra: str = "") -> list:
    """A quiz of numeric questions 'prompt' with answer 1, 2, 3…, loaded like a shipped one."""
    text = f'lesson = "{lesson}"\n'
    for i, prompt in enumerate(prompts, 1):
        text += f'\n[[question]]\nkind = "numeric"\nprompt = "{prompt}"\nanswer = {i}\nexplanation = "Because {i}."\n'
    path = folder / f"{lesson}.quiz.toml"
    path.write_text(text + extra, encoding="utf-8")
    return load_quiz(path)[1]


class Clock:
    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def store(tmp_path):
    store = Store(tmp_path / "progress.sqlite3")
    yield store
    store.close()


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def reviews(store, clock):
    return ReviewScheduler(store, Scheduler(enable_fuzzing=False), clock=clock)


def test_a_review_is_stored_as_an_fsrs_card_with_a_log(reviews, store):
    card = reviews.record("0123456789abcdef", "basics", correct=True)
    saved = reviews.card("0123456789abcdef")
    assert saved is not None and saved.due == card.due and saved.due > T0
    assert store.cards()[0]["due_ts"] == pytest.approx(card.due.timestamp())
    assert store.reviews() == [{"card_key": "0123456789abcdef", "ts": pytest.approx(store.reviews()[0]["ts"]),
                                "rating": int(Rating.Good), "correct": True}]
    reviews.record("0123456789abcdef", "basics", correct=False)
    assert [r["rating"] for r in store.reviews()] == [int(Rating.Good), int(Rating.Again)]


def test_correct_pushes_later_and_incorrect_sooner(reviews, clock):
    first_good = reviews.record("a" * 16, "basics", correct=True)
    first_again = reviews.record("b" * 16, "basics", correct=False)
    assert first_good.due > first_again.due > T0

    # Two cards with the same history of right answers, until they graduate to days-long intervals.
    for key in ("c" * 16, "d" * 16):
        clock.now = T0
        while (card := reviews.record(key, "basics", correct=True)).state != State.Review:
            clock.now = card.due
        clock.now = card.due
    interval = card.due - card.last_review
    assert interval >= timedelta(days=1)
    clock.now = card.due
    right = reviews.record("c" * 16, "basics", correct=True)
    wrong = reviews.record("d" * 16, "basics", correct=False)
    assert right.due - clock.now > interval              # a right answer spaces it out further
    assert wrong.due < right.due                         # a wrong one brings it back sooner
    assert wrong.due - clock.now < timedelta(days=1)


def test_queue_is_ordered_by_due_date_across_lessons(tmp_path, reviews, store, clock):
    basics = quiz_file(tmp_path, "basics", ["b one", "b two", "b three"])
    convnets = quiz_file(tmp_path, "convnets", ["c one", "c two"])
    questions = basics + convnets
    reviews.record(basics[0].key, "basics", correct=True)        # due T0 + 10 min
    reviews.record(convnets[1].key, "convnets", correct=False)   # due T0 + 1 min
    clock.now = T0 - timedelta(minutes=30)
    reviews.record(basics[2].key, "basics", correct=True)        # due T0 − 20 min
    clock.now = T0 + timedelta(hours=1)

    queue = reviews.queue(questions, include_new=True)
    assert [item.question.key for item in queue if not item.new] == [basics[2].key, convnets[1].key, basics[0].key]
    # The lessons are quizzed, so their unseen questions join, due now, after the overdue ones.
    assert [item.question.key for item in queue if item.new] == [basics[1].key, convnets[0].key]
    assert queue[-1].new and queue[-1].due == clock.now
    dues = [item.due for item in queue]
    assert dues == sorted(dues)

    assert reviews.queue(questions, now=T0 + timedelta(minutes=5), include_new=False) == queue[:2]


def test_new_cards_join_only_for_lessons_opened_or_quizzed(tmp_path, reviews, store):
    basics = quiz_file(tmp_path, "basics", ["one", "two"])
    rnn = quiz_file(tmp_path, "rnn", ["three"])
    assert reviews.queue(basics + rnn, include_new=True) == []
    store.set_lesson_position("rnn", 0, 3)
    assert [item.question.key for item in reviews.queue(basics + rnn, include_new=True)] == [rnn[0].key]
    assert reviews.next_due(basics + rnn) is None


def test_the_review_queue_holds_only_cards_the_learner_has_seen(tmp_path, reviews, store, clock):
    basics = quiz_file(tmp_path, "basics", ["one", "two", "three"])
    store.set_lesson_position("basics", 2, 3)                     # reading a lesson adds nothing
    assert reviews.queue(basics) == []
    reviews.record(basics[0].key, "basics", correct=False)        # one question answered
    clock.now = T0 + timedelta(days=1)
    assert [item.question.key for item in reviews.queue(basics)] == [basics[0].key]   # its card only


def test_an_edited_question_gets_a_new_key_and_starts_fresh(tmp_path, reviews, clock):
    original = quiz_file(tmp_path, "basics", ["What is 1?"])[0]
    reviews.record(original.key, "basics", correct=True)
    edited = quiz_file(tmp_path, "basics", ["What is one?"])[0]
    same = quiz_file(tmp_path, "basics", ["What is 1?"])[0]
    assert same.key == original.key
    assert edited.key != original.key
    assert reviews.card(edited.key) is None
    clock.now = T0 + timedelta(days=1)
    assert reviews.queue([edited]) == []             # its old card is not carried over
    queue = reviews.queue([edited], include_new=True)
    assert len(queue) == 1 and queue[0].new
    assert reviews.next_due([edited]) is None        # and the stale card does not count


def test_a_question_listed_twice_is_one_card(tmp_path, reviews, store):
    extra = '\n[[question]]\nkind = "generated"\ngenerator = "conv_output_shape"\n' * 2
    questions = quiz_file(tmp_path, "basics", ["one"], extra)
    store.set_lesson_position("basics", 0)
    assert len(reviews.queue(questions, include_new=True)) == 2


@pytest.mark.parametrize("seconds, text", [(-5, "now"), (10, "in less than a minute"), (60, "in 1 minute"),
                                           (599, "in 10 minutes"), (3570, "in 1 hour"), (3 * 3600, "in 3 hours"),
                                           (86400 * 2.2, "in 2 days")])
def test_describe_wait(seconds, text):
    assert describe_wait(T0 + timedelta(seconds=seconds), T0) == text


# -- the session engine ------------------------------------------------------------------------

def test_session_presents_judges_records_and_scores(tmp_path, reviews, store):
    questions = quiz_file(tmp_path, "basics", ["one", "two", "three"])
    session = QuizSession(questions, reviews, seed=1)
    assert session.current.prompt == "one" and session.number == 1 and session.total == 3

    unreadable = session.submit("banana")
    assert not unreadable.accepted and unreadable.explanation == "" and session.number == 1
    assert store.reviews() == []                      # nothing recorded for unreadable input

    right = session.submit("1")
    assert right.correct and right.explanation == "Because 1." and right.due == T0 + timedelta(minutes=10)
    wrong = session.submit("5")
    assert not wrong.correct and wrong.question.prompt == "two" and "the answer is 2" in wrong.verdict.feedback
    assert str(session.score) == "1/2 (50%)" and not session.finished
    session.submit("?")
    assert session.finished and session.current is None
    assert (session.score.correct, session.score.answered, session.score.total) == (1, 3, 3)
    assert [r["correct"] for r in store.reviews()] == [True, False, False]
    with pytest.raises(RuntimeError):
        session.submit("1")


def test_session_without_a_scheduler_records_nothing(tmp_path, store):
    session = QuizSession(quiz_file(tmp_path, "basics", ["one"]), reviews=None, seed=0)
    assert session.submit("1").due is None and store.reviews() == []


def test_session_seed_fixes_the_generated_numbers_and_limit_cuts(tmp_path):
    extra = '\n[[question]]\nkind = "generated"\ngenerator = "layer_param_count"\n'
    questions = quiz_file(tmp_path, "basics", ["one"], extra)
    prompts = {s: QuizSession(questions, seed=s) for s in range(12)}
    for session in prompts.values():
        session.submit("1")
    drawn = {s: session.current.prompt for s, session in prompts.items()}
    again = QuizSession(questions, seed=3)
    again.submit("1")
    assert again.current.prompt == drawn[3]
    assert again.current.seed == question_seed(3, 1, questions[1].key)
    assert len(set(drawn.values())) > 6
    assert QuizSession(questions, seed=0, limit=1).total == 1
    with pytest.raises(ValueError):
        QuizSession(questions, limit=0)
