"""Quiz files: `lessons/NN-slug.quiz.toml`, one list of questions per lesson."""
from __future__ import annotations

import hashlib
import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from tutor.content.errors import ContentError, toml_error

KINDS = ("choice", "multi", "numeric", "shape", "generated")
GENERATORS: tuple[str, ...] = ("conv_output_shape", "layer_param_count", "rnn_weight_shapes",
              "attention_output_shape", "pool_output_shape",
              "transformer_param_count", "head_split_shape", "temperature_effect")
GENERATORS += ("kaiming_std", "adam_first_step")  # lesson 12: tutor/quiz/generators_training.py
GENERATORS += ("conv_gradient_shape", "graph_gradient")  # lesson 13: tutor/quiz/generators_backprop.py
GENERATORS += ("ddpm_alpha_bar", "ddpm_xt_std")  # lesson 15: tutor/quiz/generators_diffusion.py


@dataclass(frozen=True)
class Question:
    lesson: str
    index: int                 # position in the file, for messages
    kind: str
    prompt: str = ""
    choices: tuple[str, ...] = ()
    answer: object = None
    explanation: str = ""
    tolerance: float | None = None
    verify: str | None = None
    generator: str | None = None
    raw: dict = field(default_factory=dict, compare=False, repr=False)   # the English entry: the key's hash
    fallback_en: bool = False  # Chinese was asked for but this question's text is English (untranslated)

    @property
    def key(self) -> str:
        """A content hash: an edited question gets a new key, so its review card starts fresh."""
        blob = json.dumps(self.raw, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(f"{self.lesson}\n{blob}".encode()).hexdigest()[:16]


_QUESTION_HEADER = re.compile(r"^\s*\[\[\s*question\s*\]\]")


def _question_lines(text: str) -> list[int]:
    """The file line of each `[[question]]` header, so messages can point at the question."""
    return [n for n, line in enumerate(text.splitlines(), 1) if _QUESTION_HEADER.match(line)]


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _question(path: Path, lesson: str, index: int, raw: dict, line: int | None = None) -> Question:
    where = f"question {index + 1}"

    def fail(message: str) -> ContentError:
        return ContentError(path, f"{where}: {message}", line=line)

    if not isinstance(raw, dict):
        raise fail("must be a table of fields")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise fail(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
    if kind == "generated":
        generator = raw.get("generator")
        if generator not in GENERATORS:
            raise fail(f"unknown generator {generator!r}; choose one of {', '.join(GENERATORS)}")
        return Question(lesson, index, kind, generator=generator, raw=raw)
    for key in ("prompt", "answer", "explanation"):
        if key not in raw:
            raise fail(f"missing the field '{key}'")
    for key in ("prompt", "explanation"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise fail(f"'{key}' must be a non-empty string")
    choices = raw.get("choices", [])
    if not isinstance(choices, list) or not all(isinstance(c, str) for c in choices):
        raise fail("'choices' must be a list of strings")
    choices = tuple(choices)
    answer = raw["answer"]
    if kind in ("choice", "multi"):
        if len(choices) < 2:
            raise fail(f"a {kind} question needs at least two choices")
        if kind == "multi" and (not isinstance(answer, list) or not answer):
            raise fail("a multi question's answer is a non-empty list of indices")
        picks = answer if kind == "multi" else [answer]
        for pick in picks:
            if not isinstance(pick, int) or isinstance(pick, bool) or not 0 <= pick < len(choices):
                raise fail(f"answer {pick!r} is not an index into its {len(choices)} choices (0 to {len(choices) - 1})")
        if kind == "multi" and len(set(picks)) != len(picks):
            raise fail("a multi question's answer lists an index twice")
    elif choices:
        raise fail(f"a {kind} question takes no choices (only choice and multi do)")
    elif kind == "numeric" and not _is_number(answer):
        raise fail(f"a numeric answer must be a number, got {answer!r}")
    elif kind == "shape" and (not isinstance(answer, list) or not answer
                              or not all(isinstance(a, int) and not isinstance(a, bool) for a in answer)):
        raise fail(f"a shape answer must be a list of integers, got {answer!r}")
    tolerance = raw.get("tolerance")
    if tolerance is not None and (not _is_number(tolerance) or tolerance < 0):
        raise fail(f"'tolerance' must be a number ≥ 0, got {tolerance!r}")
    verify = raw.get("verify")
    if verify is not None:
        if not isinstance(verify, str):
            raise fail("'verify' must be a Python expression in a string")
        try:
            compile(verify, f"{path}:{where}", "eval")
        except SyntaxError as exc:
            raise fail(f"'verify' is not a Python expression: {exc.msg}") from None
    return Question(lesson, index, kind, prompt=raw["prompt"].strip(), choices=choices, answer=answer,
                    explanation=raw["explanation"].strip(), tolerance=tolerance, verify=verify, raw=raw)


def load_quiz(path: Path) -> tuple[str, list[Question]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(path, f"not UTF-8 text ({exc.reason})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise toml_error(path, exc, "not valid TOML", text) from None
    lesson = data.get("lesson")
    if not isinstance(lesson, str):
        raise ContentError(path, "missing the field 'lesson' (the id of the lesson this quiz belongs to)")
    raws = data.get("question", [])
    if not isinstance(raws, list) or not raws:
        raise ContentError(path, "has no [[question]] entries")
    lines = _question_lines(text)
    if len(lines) != len(raws):         # questions written as inline tables have no header line
        lines = [None] * len(raws)  # type: ignore[list-item]  # no line to point at
    return lesson, [_question(path, lesson, i, raw, line) for i, (raw, line) in enumerate(zip(raws, lines))]
