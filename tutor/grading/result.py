"""Grading results, shaped exactly like the `dltutor check --json` output that other tools read: its field
names and status values are a contract (the README's "check --json" section), never renamed."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

# Learner code writes the printed output and exception messages; a terminal obeys control characters
# in them (OSC 52 clipboard writes, screen clears, cursor moves that paint a fake "✔ PASS"). Every C0
# and C1 control except newline and tab goes, and the bidirectional overrides that reorder a line.
_CONTROLS = {c: None for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), *range(0x202A, 0x202F),
                               *range(0x2066, 0x206A)] if c not in (0x09, 0x0A)}


def clean_text(text: str) -> str:
    """`text` safe to show in a terminal: no control characters but newline and tab."""
    return text.translate(_CONTROLS) if isinstance(text, str) else text


def clean(value):
    """clean_text through the strings (and keys) of plain JSON-like data."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean(k): clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(clean(v) for v in value)
    return value


@dataclass
class TestResult:
    name: str
    status: str                       # pass | fail | error | timeout | skipped
    message: str = ""
    mistake: str | None = None
    counterexample: dict | None = None
    stage: str | None = None          # import, present, type, shape, dtype, device, finite, values, gradient…
    mistake_explanation: str | None = None
    note: str | None = None           # a passing note check's [notes.<id>] (Check.note), null on every other test

    def __post_init__(self) -> None:
        self.message = clean_text(self.message)
        self.counterexample = clean(self.counterexample)

    @property
    def failed(self) -> bool:
        """Counts against the learner (fail, error, timeout); a pass or a skipped check does not."""
        return self.status not in ("pass", "skipped")

    def to_json(self) -> dict:
        return {"name": self.name, "status": self.status, "message": clean_text(self.message), "mistake": self.mistake,
                "counterexample": clean(self.counterexample), "stage": self.stage,
                "mistake_explanation": self.mistake_explanation, "note": self.note}


@dataclass
class GradeResult:
    exercise: str
    status: str
    tests: list[TestResult] = field(default_factory=list)
    seed: int = 0
    duration_s: float = 0.0
    device: str = "cpu"
    output: str = ""                  # what the learner's code printed (capped)
    output_lines_dropped: int = 0

    def __post_init__(self) -> None:
        self.output = clean_text(self.output)

    def to_json(self) -> dict:
        return {"exercise": self.exercise, "status": self.status, "tests": [t.to_json() for t in self.tests],
                "seed": self.seed, "duration_s": round(self.duration_s, 4), "device": self.device,
                "output": clean_text(self.output), "output_lines_dropped": self.output_lines_dropped}

    @property
    def first_mistake(self) -> str | None:
        return next((t.mistake for t in self.tests if t.mistake), None)

    @property
    def failed(self) -> list[TestResult]:
        return [t for t in self.tests if t.failed]


def overall_status(tests: list[TestResult]) -> str:
    statuses = {t.status for t in tests}
    if "timeout" in statuses:
        return "timeout"
    if "error" in statuses:
        return "error"
    if "fail" in statuses:
        return "fail"
    return "pass"


def from_json(data: dict) -> GradeResult:
    tests = [TestResult(**{k: t.get(k) for k in TestResult.__dataclass_fields__ if k in t}) for t in data["tests"]]
    return GradeResult(exercise=data["exercise"], status=data["status"], tests=tests, seed=data.get("seed", 0),
                       duration_s=data.get("duration_s", 0.0), device=data.get("device", "cpu"),
                       output=data.get("output", ""), output_lines_dropped=data.get("output_lines_dropped", 0))


__all__ = ["GradeResult", "TestResult", "overall_status", "from_json", "asdict", "clean_text"]
