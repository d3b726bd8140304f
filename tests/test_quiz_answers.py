"""Answer normalisation and judging (tutor.quiz.answers, PresentedQuestion.check)."""
from __future__ import annotations

import pytest

from tutor.quiz import answers
from tutor.quiz.answers import AnswerFormatError, check, parse_choice, parse_multi, parse_number, parse_shape

CHOICES = ("first", "second", "third", "fourth")


@pytest.mark.parametrize("text", [
    "6x28x28", "6×28×28", "(6, 28, 28)", "6 28 28", "[6,28,28]", "6X28X28", " 6 x 28 x 28 ",
    "6*28*28", "torch.Size([6, 28, 28])", "(6,28,28,)", "6, 28, 28",
])
def test_shape_spellings_read_the_same(text):
    assert parse_shape(text) == (6, 28, 28)


@pytest.mark.parametrize("text, shape", [("80", (80,)), ("(80,)", (80,)), ("[2, 5, 7]", (2, 5, 7)),
                                         ("1x6x28x28", (1, 6, 28, 28))])
def test_shape_lengths_are_kept(text, shape):
    assert parse_shape(text) == shape


@pytest.mark.parametrize("text", ["", "   ", "six by 28", "6x28.5x28", "6x-28x28", "()"])
def test_unreadable_shapes_raise_a_clear_error(text):
    with pytest.raises(AnswerFormatError) as info:
        parse_shape(text)
    assert "shape" in str(info.value) or "size" in str(info.value)


@pytest.mark.parametrize("text, value", [
    ("456", 456.0), ("456.0", 456.0), (" 4.56e2 ", 456.0), ("4.56E2", 456.0), ("1/2", 0.5), ("1 / 4", 0.25),
    ("-3", -3.0), ("−3", -3.0), ("4,640", 4640.0), ("62,006", 62006.0), ("1,234,567", 1234567.0),
    ("0.1554", 0.1554), (".5", 0.5), ("+7", 7.0), ("≈0.155", 0.155), ("3/-4", -0.75), ("4_640", 4640.0),
])
def test_number_spellings(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text, fragment", [
    ("", "Type a number"), ("abc", "Could not read"), ("1/0", "divides by zero"), ("inf", "finite"),
    ("nan", "finite"), ("0,5", "dot for decimals"), ("1/x", "Could not read"),
])
def test_unreadable_numbers(text, fragment):
    with pytest.raises(AnswerFormatError, match=fragment):
        parse_number(text)


@pytest.mark.parametrize("text, index", [
    ("a", 0), ("B", 1), ("c)", 2), ("(d)", 3), ("1", 0), ("4", 3), (" 2 ", 1), ("b.", 1), ("Third", 2),
])
def test_choice_by_letter_number_or_text(text, index):
    assert parse_choice(text, CHOICES) == index


@pytest.mark.parametrize("text, fragment", [
    ("e", "no choice 'e'"), ("5", "no choice '5'"), ("0", "no choice '0'"), ("", "Pick one"),
    ("a,c", "exactly one"), ("zz", "Could not read"),
])
def test_bad_choices_say_what_to_type(text, fragment):
    with pytest.raises(AnswerFormatError, match=fragment):
        parse_choice(text, CHOICES)


@pytest.mark.parametrize("text", ["a,c", "a c", "ac", "1 3", "1,3", "13", "A, C", "c a", "a;c", "a and c", "(a) (c)",
                                  "a, c, a"])
def test_multi_spellings(text):
    assert parse_multi(text, CHOICES) == {0, 2}


def test_multi_digits_run_together_only_below_ten_choices():
    many = tuple(f"choice {i}" for i in range(12))
    assert parse_multi("12", many) == {11}
    assert parse_multi("1 2", many) == {0, 1}


@pytest.mark.parametrize("text", ["", "a,e", "a x2", "9"])
def test_bad_multi(text):
    with pytest.raises(AnswerFormatError):
        parse_multi(text, CHOICES)


def test_shape_verdicts():
    assert check("shape", (6, 28, 28), "6x28x28").correct
    wrong = check("shape", (6, 28, 28), "6x24x24")
    assert wrong.accepted and not wrong.correct and "6×28×28" in wrong.feedback
    assert "you gave 4 sizes" in check("shape", (6, 28, 28), "1x6x28x28").feedback
    assert "wrong order" in check("shape", (6, 28, 14), "28x6x14").feedback
    unreadable = check("shape", (6, 28, 28), "six")
    assert not unreadable.accepted and not unreadable.correct


def test_numeric_tolerance_absolute_when_given_else_relative():
    assert check("numeric", 0.1554, "0.155", tolerance=0.0005).correct
    assert check("numeric", 0.1554, "0.1559", tolerance=0.0005).correct
    assert not check("numeric", 0.1554, "0.156", tolerance=0.0005).correct
    assert check("numeric", 456, "456.0000001").correct          # default: 1e-6 relative
    assert not check("numeric", 456, "456.01").correct
    assert not check("numeric", 456, "457", tolerance=0).correct
    assert check("numeric", 0.5, "1/2").correct
    assert check("numeric", 0, "0").correct and not check("numeric", 0, "1e-3").correct


def test_choice_and_multi_verdicts():
    assert check("choice", 1, "b", CHOICES).correct
    wrong = check("choice", 1, "a", CHOICES)
    assert not wrong.correct and "b) second" in wrong.feedback
    assert check("multi", frozenset({0, 2}), "ca", CHOICES).correct
    partial = check("multi", frozenset({0, 1, 2}), "a,c,d", CHOICES)
    assert not partial.correct and "missed b" in partial.feedback and "should not pick d" in partial.feedback


@pytest.mark.parametrize("text", ["?", "skip", "IDK", " ? "])
def test_giving_up_counts_as_wrong_and_shows_the_answer(text):
    verdict = check("shape", (6, 14, 14), text)
    assert verdict.accepted and verdict.gave_up and not verdict.correct
    assert "6×14×14" in verdict.feedback


@pytest.mark.parametrize("kind, answer", [("shape", (6, 28, 28)), ("shape", (80,)), ("numeric", 62006),
                                          ("numeric", 0.1554), ("numeric", -3), ("choice", 2),
                                          ("multi", frozenset({0, 3}))])
def test_the_shown_answer_reads_back_as_correct(kind, answer):
    shown = answers.format_answer(kind, answer, CHOICES)
    typed = shown.split(")")[0] if kind == "choice" else shown
    assert check(kind, answer, typed, CHOICES, tolerance=None).correct
