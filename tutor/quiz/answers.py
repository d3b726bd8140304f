"""Reading what a learner typed and judging it.

Free text is forgiving about form ("6x28x28", "(6, 28, 28)", "4.56e2", "1/2", "a,c", "ac")
and strict about substance. Input that cannot be read at all is not a wrong answer: the
verdict says `accepted=False` and the front end asks again.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from tutor.i18n.catalog import _, ngettext

GIVE_UP = frozenset({"?", "skip", "idk", "i don't know", "dont know", "don't know", "no idea"})

# Typographic variants a learner may paste from a lesson: minus signs, the times sign.
_PLAIN = str.maketrans({"−": "-", "–": "-", "—": "-", "×": "x", "✕": "x", "⨉": "x", "·": "x",
                        "，": ",", "（": "(", "）": ")"})


class AnswerFormatError(ValueError):
    """The text could not be read as an answer of the expected kind; the message says how to write one."""


@dataclass(frozen=True)
class Verdict:
    correct: bool
    feedback: str            # one short line: "Correct." / "Not quite: …" / how to write the answer
    accepted: bool = True    # False: unreadable input, ask again (nothing is recorded)
    gave_up: bool = False    # the learner asked to see the answer


# -- parsing ---------------------------------------------------------------------------------

def _plain(text: str) -> str:
    return text.translate(_PLAIN).strip()


def parse_shape(text: str) -> tuple[int, ...]:
    """"6x28x28", "6×28×28", "(6, 28, 28)", "6 28 28", "[6,28,28]", "torch.Size([6, 28, 28])"."""
    s = _plain(text).lower()
    s = re.sub(r"^torch\.size", "", s)
    s = re.sub(r"[()\[\]{}]", " ", s)
    tokens = [t for t in re.split(r"[\s,x*;]+", s) if t]
    if not tokens:
        raise AnswerFormatError(_("Type a shape, e.g. 6x28x28 or (6, 28, 28)."))
    sizes = []
    for token in tokens:
        if not re.fullmatch(r"\+?\d+", token):
            raise AnswerFormatError(_("Could not read {token!r} as a size: a shape is whole numbers, e.g. "
                                      "6x28x28.").format(token=token))
        sizes.append(int(token))
    return tuple(sizes)


def parse_number(text: str) -> float:
    """"456", "456.0", " 4.56e2 ", "4,640" (thousands), "−3", "1/2", "≈0.155"."""
    s = _plain(text).lstrip("≈~").strip()
    if not s:
        raise AnswerFormatError(_("Type a number, e.g. 456, 0.25 or 1/4."))
    if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?", s):
        s = s.replace(",", "")
    if "/" in s:
        top, _slash, bottom = s.partition("/")
        numerator, denominator = parse_number(top), parse_number(bottom)
        if denominator == 0:
            raise AnswerFormatError(_("{text!r} divides by zero.").format(text=text.strip()))
        return numerator / denominator
    try:
        value = float(s)
    except ValueError:
        hint = _(" Use a dot for decimals.") if re.fullmatch(r"[+-]?\d+,\d+", s) else ""
        raise AnswerFormatError(_("Could not read {text!r} as a number.{hint} Write it like 456, 0.25, 4.56e2 or "
                                  "1/4.").format(text=text.strip(), hint=hint)) from None
    if not math.isfinite(value):
        raise AnswerFormatError(_("The answer is a finite number."))
    return value


def _letters(count: int) -> str:
    return f"a–{chr(ord('a') + count - 1)}"


def _pick(token: str, count: int) -> int:
    """One choice named by a letter (a, b, …) or a 1-based number."""
    if re.fullmatch(r"[a-z]", token):
        index = ord(token) - ord("a")
    elif re.fullmatch(r"\d+", token):
        index = int(token) - 1
    else:
        raise AnswerFormatError(_("Could not read {token!r}: answer with a letter {letters} or a number "
                                  "1–{count}.").format(token=token, letters=_letters(count), count=count))
    if not 0 <= index < count:
        raise AnswerFormatError(_("There is no choice {token!r}: pick a letter {letters} or a number "
                                  "1–{count}.").format(token=token, letters=_letters(count), count=count))
    return index


def parse_choice(text: str, choices: tuple[str, ...]) -> int:
    """"b", "B", "2", "(b)", "b)", or the text of a choice."""
    s = _plain(text).lower()
    for index, choice in enumerate(choices):
        if s == choice.strip().lower() and len(s) > 1:
            return index
    s = s.strip("().: ")
    if not s:
        raise AnswerFormatError(_("Pick one: a letter {letters} or a number 1–{count}.").format(
            letters=_letters(len(choices)), count=len(choices)))
    if re.search(r"[\s,;]", s):
        raise AnswerFormatError(_("This question has exactly one right answer: pick one letter."))
    return _pick(s, len(choices))


def parse_multi(text: str, choices: tuple[str, ...]) -> frozenset[int]:
    """"a,c", "a c", "ac", "1 3", "1,3", "13" (when there are fewer than ten choices)."""
    s = _plain(text).lower()
    tokens = [t.strip("().") for t in re.split(r"[\s,;/+&]+|\band\b", s)]
    tokens = [t for t in tokens if t]
    if not tokens:
        raise AnswerFormatError(_("Pick one or more: letters like a,c or numbers like 1 3."))
    picks: set[int] = set()
    for token in tokens:
        if re.fullmatch(r"[a-z]+", token) or (re.fullmatch(r"\d+", token) and len(choices) <= 9):
            picks.update(_pick(ch, len(choices)) for ch in token)
        else:
            picks.add(_pick(token, len(choices)))
    return frozenset(picks)


# -- showing answers -------------------------------------------------------------------------

def format_shape(shape: tuple[int, ...]) -> str:
    return f"({shape[0]},)" if len(shape) == 1 else "×".join(str(s) for s in shape)


def format_number(value: float) -> str:
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.6g}"


def format_choice(index: int) -> str:
    return chr(ord("a") + index)


def format_answer(kind: str, answer: Any, choices: tuple[str, ...] = ()) -> str:
    if kind == "shape":
        return format_shape(tuple(answer))
    if kind == "numeric":
        return format_number(answer)
    if kind == "choice":
        return f"{format_choice(answer)}) {choices[answer]}"
    if kind == "multi":
        return ", ".join(format_choice(i) for i in sorted(answer))
    raise ValueError(f"unknown question kind {kind!r}")


# -- judging ---------------------------------------------------------------------------------

def numbers_match(given: float, expected: float, tolerance: float | None) -> bool:
    """Absolute tolerance when the question gives one, else 1e-6 relative (quiz FORMAT.md)."""
    if tolerance is not None:
        # A hair of slack so that 0.1554 ± 0.0005 accepts 0.1559 despite binary rounding.
        return abs(given - expected) <= tolerance + 1e-12 * max(1.0, abs(expected))
    return math.isclose(given, expected, rel_tol=1e-6, abs_tol=1e-12)


def check(kind: str, answer: Any, text: str, choices: tuple[str, ...] = (),
          tolerance: float | None = None) -> Verdict:
    """Judge `text` against the expected `answer` of a question of this `kind`."""
    if text.strip().lower() in GIVE_UP:
        return Verdict(False, _("The answer is {answer}.").format(answer=format_answer(kind, answer, choices)),
                       gave_up=True)
    try:
        if kind == "shape":
            return _judge_shape(parse_shape(text), tuple(answer))
        if kind == "numeric":
            given = parse_number(text)
            if numbers_match(given, float(answer), tolerance):
                return Verdict(True, _("Correct."))
            return Verdict(False, _("Not quite: you gave {given}; the answer is {answer}.").format(
                given=format_number(given), answer=format_number(answer)))
        if kind == "choice":
            picked = parse_choice(text, choices)
            if picked == answer:
                return Verdict(True, _("Correct."))
            return Verdict(False, _("Not quite: you picked {picked}; the answer is {answer}.").format(
                picked=format_choice(picked), answer=format_answer(kind, answer, choices)))
        if kind == "multi":
            return _judge_multi(parse_multi(text, choices), frozenset(answer))
    except AnswerFormatError as exc:
        return Verdict(False, str(exc), accepted=False)
    raise ValueError(f"unknown question kind {kind!r}")


def _judge_shape(given: tuple[int, ...], expected: tuple[int, ...]) -> Verdict:
    if given == expected:
        return Verdict(True, _("Correct."))
    note = ""
    if len(given) != len(expected):
        note = ngettext(" (you gave {count} size; the shape has {expected})",
                        " (you gave {count} sizes; the shape has {expected})", len(given)).format(
                            count=len(given), expected=len(expected))
    elif sorted(given) == sorted(expected):
        note = _(" (the right sizes in the wrong order)")
    return Verdict(False, _("Not quite: you gave {given}; the answer is {answer}{note}.").format(
        given=format_shape(given), answer=format_shape(expected), note=note))


def _judge_multi(given: frozenset[int], expected: frozenset[int]) -> Verdict:
    if given == expected:
        return Verdict(True, _("Correct."))
    parts = []
    if expected - given:
        parts.append(_("you missed {choices}").format(choices=", ".join(format_choice(i) for i in sorted(expected - given))))
    if given - expected:
        parts.append(_("you should not pick {choices}").format(
            choices=", ".join(format_choice(i) for i in sorted(given - expected))))
    right = ", ".join(format_choice(i) for i in sorted(expected))
    return Verdict(False, _("Not quite: the answer is {answer} ({why}).").format(answer=right, why="; ".join(parts)))
