"""Quiz files: `lessons/NN-slug.quiz.toml`, one list of questions per lesson."""
from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from tutor.content.errors import ContentError

KINDS = ("choice", "multi", "numeric", "shape", "generated")
GENERATORS = ("conv_output_shape", "layer_param_count", "rnn_weight_shapes",
              "attention_output_shape", "pool_output_shape")


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
    raw: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def key(self) -> str:
        """A content hash: an edited question gets a new key, so its review card starts fresh."""
        blob = json.dumps(self.raw, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(f"{self.lesson}\n{blob}".encode()).hexdigest()[:16]


def _question(path: Path, lesson: str, index: int, raw: dict) -> Question:
    where = f"question {index + 1}"
    kind = raw.get("kind")
    if kind not in KINDS:
        raise ContentError(path, f"{where}: kind must be one of {', '.join(KINDS)}, got {kind!r}")
    if kind == "generated":
        generator = raw.get("generator")
        if generator not in GENERATORS:
            raise ContentError(path, f"{where}: unknown generator {generator!r}; choose one of {', '.join(GENERATORS)}")
        return Question(lesson, index, kind, generator=generator, raw=raw)
    for key in ("prompt", "answer", "explanation"):
        if key not in raw:
            raise ContentError(path, f"{where}: missing the field '{key}'")
    choices = tuple(raw.get("choices", ()))
    answer = raw["answer"]
    if kind in ("choice", "multi"):
        if len(choices) < 2:
            raise ContentError(path, f"{where}: a {kind} question needs at least two choices")
        picks = answer if kind == "multi" else [answer]
        if kind == "multi" and (not isinstance(answer, list) or not answer):
            raise ContentError(path, f"{where}: a multi question's answer is a non-empty list of indices")
        for pick in picks:
            if not isinstance(pick, int) or not 0 <= pick < len(choices):
                raise ContentError(path, f"{where}: answer {pick!r} is not an index into its {len(choices)} choices")
    elif kind == "numeric" and (isinstance(answer, bool) or not isinstance(answer, (int, float))):
        raise ContentError(path, f"{where}: a numeric answer must be a number, got {answer!r}")
    elif kind == "shape" and (not isinstance(answer, list) or not all(isinstance(a, int) for a in answer)):
        raise ContentError(path, f"{where}: a shape answer must be a list of integers, got {answer!r}")
    return Question(lesson, index, kind, prompt=raw["prompt"].strip(), choices=choices, answer=answer,
                    explanation=raw["explanation"].strip(), tolerance=raw.get("tolerance"),
                    verify=raw.get("verify"), raw=raw)


def load_quiz(path: Path) -> tuple[str, list[Question]]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(path, f"not valid TOML: {exc}", line=getattr(exc, "lineno", None)) from None
    lesson = data.get("lesson")
    if not isinstance(lesson, str):
        raise ContentError(path, "missing the field 'lesson' (the id of the lesson this quiz belongs to)")
    raws = data.get("question", [])
    if not isinstance(raws, list) or not raws:
        raise ContentError(path, "has no [[question]] entries")
    return lesson, [_question(path, lesson, i, raw) for i, raw in enumerate(raws)]
