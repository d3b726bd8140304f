"""Every shipped quiz: `verify` expressions agree with `answer`, and every question can be presented."""
from __future__ import annotations

import math
from pathlib import Path

import pytest

from tutor.content.quizzes import load_quiz
from tutor.quiz.answers import numbers_match
from tutor.quiz.model import present

LESSONS = Path(__file__).resolve().parents[1] / "lessons"
QUIZ_FILES = sorted(LESSONS.glob("*.quiz.toml"))


def _questions():
    for path in QUIZ_FILES:
        try:
            _, questions = load_quiz(path)
        except Exception as exc:   # a broken file is the loader's test's business; say so here too
            yield pytest.param(path, None, id=f"{path.name}-unloadable", marks=pytest.mark.xfail(reason=str(exc)))
            continue
        for question in questions:
            yield pytest.param(path, question, id=f"{path.name}#{question.index + 1}")


ALL = list(_questions())
WITH_VERIFY = [p for p in ALL if p.values[1] is None or p.values[1].verify]


@pytest.fixture
def one_thread():
    """Tiny tensors: threads only add contention on a busy 2-core machine."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.mark.usefixtures("one_thread")
@pytest.mark.skipif(not WITH_VERIFY, reason="no shipped quiz has a verify expression yet")
@pytest.mark.parametrize("path, question", WITH_VERIFY or [pytest.param(None, None, id="none")])
def test_verify_expression_gives_the_answer(path, question):
    import torch
    import torch.nn.functional as F
    from torch import nn

    assert question is not None, f"{path.name} does not load"
    torch.manual_seed(0)
    try:
        value = eval(question.verify, {"torch": torch, "nn": nn, "F": F, "math": math})   # autograd on: some use it
    except Exception as exc:
        pytest.fail(f"{path.name} question {question.index + 1}: verify raised {type(exc).__name__}: {exc}\n"
                    f"  verify = {question.verify}")
    where = f"{path.name} question {question.index + 1} ({question.prompt[:60]}…)"
    if question.kind == "shape":
        assert tuple(int(v) for v in value) == tuple(question.answer), f"{where}: verify gives {tuple(value)}"
    elif question.kind == "numeric":
        number = float(value.item() if hasattr(value, "item") else value)
        assert numbers_match(number, float(question.answer), question.tolerance), \
            f"{where}: verify gives {number}, answer is {question.answer} (tolerance {question.tolerance})"
    else:
        assert value == question.answer, f"{where}: verify gives {value!r}"


@pytest.mark.skipif(not ALL, reason="no shipped quizzes yet")
@pytest.mark.parametrize("path, question", ALL or [pytest.param(None, None, id="none")])
def test_every_shipped_question_presents_and_accepts_its_own_answer(path, question):
    assert question is not None, f"{path.name} does not load"
    for seed in range(3):
        shown = present(question, seed)
        assert shown.prompt and shown.explanation
        typed = shown.answer_text.split(")")[0] if shown.kind == "choice" else shown.answer_text
        assert shown.check(typed).correct, f"{path.name} question {question.index + 1}: {typed!r} rejected"
