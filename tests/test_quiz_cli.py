"""`dltutor quiz` and `dltutor review` end to end, answers piped on stdin, on a small fake course."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tutor.cli import main
from tutor.content import catalog as catalog_module
from tutor.content.quizzes import load_quiz
from tutor.progress.store import Store
from tutor.quiz.scheduler import ReviewScheduler
from tutor.quiz.session import QuizSession

BASICS_QUIZ = '''lesson = "basics"

[[question]]
kind = "choice"
prompt = "Which activation is [0, ∞) valued?"
choices = ["tanh", "ReLU", "sigmoid"]
answer = 1
explanation = "ReLU(x) = max(0, x)."

[[question]]
kind = "numeric"
prompt = "How many parameters does nn.Linear(3, 2) have?"
answer = 8
tolerance = 0
explanation = "3·2 weights + 2 biases = 8."

[[question]]
kind = "shape"
prompt = "Conv2d(3, 6, 5) on 3×32×32 gives which shape?"
answer = [6, 28, 28]
explanation = "32 − 5 + 1 = 28 per side, 6 filters."

[[question]]
kind = "generated"
generator = "conv_output_shape"
'''

RNN_QUIZ = '''lesson = "rnn"

[[question]]
kind = "multi"
prompt = "Which are gates of an LSTM?"
choices = ["input", "forget", "reset", "output"]
answer = [0, 1, 3]
explanation = "The reset gate is the GRU's."
'''


def lesson(lesson_id: str, title: str, order: int) -> str:
    return f'+++\nid = "{lesson_id}"\ntitle = "{title}"\norder = {order}\n+++\n\nText.\n\n## More\n\nMore text.\n'


@pytest.fixture
def course(tmp_path, monkeypatch):
    root = tmp_path / "content"
    (root / "lessons").mkdir(parents=True)
    (root / "exercises").mkdir()
    (root / "lessons" / "01-basics.md").write_text(lesson("basics", "The basics", 1), encoding="utf-8")
    (root / "lessons" / "01-basics.quiz.toml").write_text(BASICS_QUIZ, encoding="utf-8")
    (root / "lessons" / "02-rnn.md").write_text(lesson("rnn", "Recurrent networks", 2), encoding="utf-8")
    (root / "lessons" / "02-rnn.quiz.toml").write_text(RNN_QUIZ, encoding="utf-8")
    (root / "lessons" / "03-noquiz.md").write_text(lesson("noquiz", "No quiz here", 3), encoding="utf-8")
    monkeypatch.setenv("DLTUTOR_CONTENT", str(root))
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("COLUMNS", "200")   # no wrapping: lines stay whole for the asserts
    catalog_module.shipped_catalog.cache_clear()
    yield root
    catalog_module.shipped_catalog.cache_clear()


def dltutor(monkeypatch, capsys, args: list[str], stdin: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def store_reviews(home: Path) -> list[dict]:
    store = Store(home / "progress.sqlite3")
    try:
        return store.reviews()
    finally:
        store.close()


def generated_answer(course: Path, seed: int) -> str:
    """What the engine will ask as question 4 for this seed (the numbers are random)."""
    questions = load_quiz(course / "lessons" / "01-basics.quiz.toml")[1]
    session = QuizSession(questions, seed=seed)
    for answer in ("b", "8", "6x28x28"):
        session.submit(answer)
    return session.current.answer_text


def test_quiz_with_piped_answers_records_every_review(course, monkeypatch, capsys, tmp_path):
    answer = generated_answer(course, seed=11)
    code, out, err = dltutor(monkeypatch, capsys, ["quiz", "basics", "--seed", "11"],
                             f"2\n  8.0 \n(6, 28, 28)\n{answer}\n")
    assert code == 0, err
    assert "Quiz: The basics — 4 questions (seed 11)" in out
    assert "Which activation is [0, ∞) valued?" in out             # brackets shown, not eaten as markup
    assert "b) ReLU" in out and "ReLU(x) = max(0, x)." in out
    assert out.count("✔ Correct.") == 4
    assert "Score: 4/4 (100%)" in out and "Stopped" not in out
    reviews = store_reviews(tmp_path / "home")
    assert len(reviews) == 4 and all(r["correct"] for r in reviews)


def test_wrong_and_unreadable_answers(course, monkeypatch, capsys, tmp_path):
    code, out, _ = dltutor(monkeypatch, capsys, ["quiz", "basics", "--limit", "3", "--seed", "1"],
                           "tanh\nlots\n9\n?\n")
    assert code == 0
    assert "Not quite: you picked a; the answer is b) ReLU." in out  # 'tanh' is choice a's text
    assert "Could not read 'lots' as a number" in out                # asked again, not counted
    assert "Not quite: you gave 9; the answer is 8." in out and "3·2 weights + 2 biases = 8." in out
    assert "The answer is 6×28×28." in out                           # '?' shows the answer
    assert out.count("✘") == 3 and "✔" not in out
    assert "Score: 0/3 (0%)" in out
    assert [r["correct"] for r in store_reviews(tmp_path / "home")] == [False, False, False]


def test_end_of_input_stops_with_a_score(course, monkeypatch, capsys, tmp_path):
    code, out, _ = dltutor(monkeypatch, capsys, ["quiz", "basics"], "b\n")
    assert code == 0
    assert "Stopped after 1 of 4 questions." in out and "Score: 1/1 (100%)" in out
    assert len(store_reviews(tmp_path / "home")) == 1


def test_quiz_without_a_lesson_picks_the_last_read_or_the_first(course, monkeypatch, capsys, tmp_path):
    code, out, _ = dltutor(monkeypatch, capsys, ["quiz"], "")
    assert code == 0 and "Quiz: The basics" in out
    store = Store(tmp_path / "home" / "progress.sqlite3")
    store.set_lesson_position("rnn", 1, 2)
    store.close()
    code, out, _ = dltutor(monkeypatch, capsys, ["quiz"], "a c b d\n")
    assert code == 0 and "Quiz: Recurrent networks" in out
    assert "Not quite: the answer is a, b, d (you should not pick c)." in out


def test_quiz_errors(course, monkeypatch, capsys):
    code, _, err = dltutor(monkeypatch, capsys, ["quiz", "basix"], "")
    assert code == 2 and "Unknown lesson 'basix'" in err and "basics" in err
    code, _, err = dltutor(monkeypatch, capsys, ["quiz", "noquiz"], "")
    assert code == 1 and "has no quiz yet" in err
    with pytest.raises(SystemExit) as exit_info:
        dltutor(monkeypatch, capsys, ["quiz", "basics", "--limit", "0"], "")
    assert exit_info.value.code == 2


def test_review_when_empty_says_when_the_next_one_is(course, monkeypatch, capsys):
    code, out, _ = dltutor(monkeypatch, capsys, ["review"], "")
    assert code == 0 and "Nothing due, and no cards yet" in out
    dltutor(monkeypatch, capsys, ["quiz", "rnn"], "abd\n")
    code, out, _ = dltutor(monkeypatch, capsys, ["review"], "")
    assert code == 0
    assert "Nothing due, next review in 10 minutes" in out


def test_review_asks_due_cards_first_then_new_ones(course, monkeypatch, capsys, tmp_path):
    """Cards answered yesterday are due today, earliest first; the quizzed lesson's unseen questions
    do not join (they become cards when answered in its quiz)."""
    home = tmp_path / "home"
    home.mkdir()
    basics = load_quiz(course / "lessons" / "01-basics.quiz.toml")[1]
    store = Store(home / "progress.sqlite3")
    yesterday = datetime.now(UTC) - timedelta(days=1)
    ReviewScheduler(store, clock=lambda: yesterday + timedelta(minutes=5)).record(basics[2].key, "basics", True)
    ReviewScheduler(store, clock=lambda: yesterday).record(basics[1].key, "basics", False)
    store.close()

    code, out, _ = dltutor(monkeypatch, capsys, ["review", "--limit", "3", "--seed", "4"], "8\n6x28x28\nb\n")
    assert code == 0
    assert "Review: 2 cards due." in out
    assert out.index("nn.Linear(3, 2)") < out.index("Conv2d(3, 6, 5) on 3×32×32")
    assert "Which activation" not in out
    assert "Question 1/2 · basics" in out and "Score: 2/2 (100%)" in out
    assert "more card" not in out
    assert len(store_reviews(home)) == 2 + 2


def test_review_sees_all_lessons(course, monkeypatch, capsys, tmp_path):
    store = Store(tmp_path / "home" / "progress.sqlite3")
    store.set_lesson_position("rnn", 0, 2)
    store.close()
    code, out, _ = dltutor(monkeypatch, capsys, ["review"], "x\n")
    assert code == 0 and "Nothing due, and no cards yet" in out       # reading a lesson adds no cards
    code, out, _ = dltutor(monkeypatch, capsys, ["quiz", "rnn"], "abd\n")
    assert code == 0 and "Score: 1/1 (100%)" in out
    code, out, _ = dltutor(monkeypatch, capsys, ["review"], "")
    assert code == 0 and "Nothing due, next review in 10 minutes" in out


def test_a_real_process_reads_piped_answers(course, tmp_path):
    env = dict(os.environ)
    result = subprocess.run([sys.executable, "-m", "tutor", "quiz", "rnn"], input="1 2 4\n", text=True,
                            capture_output=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "✔ Correct." in result.stdout and "Score: 1/1 (100%)" in result.stdout
    assert [r["correct"] for r in store_reviews(tmp_path / "home")] == [True]
