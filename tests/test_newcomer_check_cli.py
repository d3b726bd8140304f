"""`dltutor check`, `hint` and `solution` as a newcomer reads them in an 80-column terminal.

Found by a newcomer:
- the classic-mistake panel put "Classic mistake: {title} ({id})" in its top border, which Rich cuts
  without a mark: at 80 columns half of the course's mistake titles lost their end ("… after the
  softmax (temperature_aft─╮");
- "Try 'dltutor hint' first." and "'dltutor solution' shows the model solution", typed as written,
  end in "error: the following arguments are required: exercise".
"""
from __future__ import annotations

import argparse
import io
import re

import pytest
from rich.console import Console

from tutor.commands import check as check_command
from tutor.commands.check import render
from tutor.content import shipped_catalog
from tutor.grading.result import from_json

SAMPLING = "sampling"
LONG_MISTAKE = "temperature_after_softmax"


def result_with(exercise_id: str, mistake_id: str) -> dict:
    def test(name, status, message="", mistake=None):
        return {"name": name, "status": status, "message": message, "mistake": mistake, "counterexample": None,
                "stage": None, "mistake_explanation": None}

    return {"exercise": exercise_id, "status": "fail", "seed": 7, "duration_s": 0.5, "device": "cpu", "output": "",
            "output_lines_dropped": 0,
            "tests": [test("file imports", "pass", "imported cleanly"),
                      test("values", "fail", "the result has wrong values", mistake_id)]}


def rendered(exercise_id: str, mistake_id: str, width: int = 80) -> str:
    exercise = shipped_catalog().exercise(exercise_id)
    out = io.StringIO()
    render(from_json(result_with(exercise_id, mistake_id)), exercise, Console(file=out, width=width, color_system=None))
    return out.getvalue()


def words(text: str) -> str:
    """The text without box lines and line breaks: what reads across the wrapped lines."""
    return " ".join(re.sub(r"[╭╮╰╯│─]", " ", text).split())


@pytest.mark.parametrize("width", [80, 100])
def test_a_long_mistake_title_is_shown_whole_at_80_columns(en, width):
    exercise = shipped_catalog().exercise(SAMPLING)
    title = exercise.mistakes[LONG_MISTAKE].title
    text = rendered(SAMPLING, LONG_MISTAKE, width)
    assert max(len(line) for line in text.splitlines()) <= width
    assert f"Classic mistake: {title} ({LONG_MISTAKE})" in words(text)
    assert text.count("Classic mistake") == 1


def test_a_short_mistake_title_stays_in_the_border(en):
    text = rendered("conv2d", "flipped_kernel")
    assert "╭─ Classic mistake: Flipped kernel (true convolution) (flipped_kernel) ─" in text


def test_every_mistake_title_of_the_course_is_shown_whole_at_80_columns(en):
    catalog = shipped_catalog()
    for exercise_id in catalog.exercises:
        exercise = catalog.exercise(exercise_id)
        for mistake_id, mistake in exercise.mistakes.items():
            text = words(rendered(exercise_id, mistake_id))
            assert f"{mistake.title} ({mistake_id})" in text, (exercise_id, mistake_id)


def test_in_chinese_too(zh):
    exercise = shipped_catalog().exercise(SAMPLING)
    text = "".join(words(rendered(SAMPLING, LONG_MISTAKE)).split())
    assert "".join(exercise.mistakes[LONG_MISTAKE].title.split()) in text
    assert LONG_MISTAKE in text


def run(argv: list[str]) -> int:
    from tutor.cli import build_parser

    args = build_parser().parse_args(argv)
    return check_command.run(args)


def test_the_last_hint_names_the_exercise_in_the_solution_command(en, capsys):
    hints = len(shipped_catalog().exercise("mse").hints)
    for _ in range(hints):
        assert run(["hint", "mse"]) == 0
    capsys.readouterr()
    assert run(["hint", "mse"]) == 0
    out = capsys.readouterr().out
    assert "'dltutor solution mse'" in out
    assert_runs_as_written(out)


def test_declining_the_solution_names_the_exercise_in_the_hint_command(en, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", _Tty("n\n"))
    assert run(["solution", "mse"]) == 1
    out = capsys.readouterr().out
    assert "'dltutor hint mse'" in out
    assert_runs_as_written(out)


def assert_runs_as_written(out: str) -> None:
    """Every 'dltutor …' the message suggests parses as typed (argparse exits on a missing id)."""
    from tutor.cli import build_parser

    suggested = re.findall(r"'dltutor ([^']+)'", out)
    assert suggested
    for command in suggested:
        assert isinstance(build_parser().parse_args(command.split()), argparse.Namespace), command


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_syntax_error_is_not_told_to_repeat_its_seed(en):
    """'--seed N repeats this exact run' is for failures on drawn inputs; a syntax error has none."""
    exercise = shipped_catalog().exercise("mse")
    result = {"exercise": "mse", "status": "error", "seed": 229248419, "duration_s": 0.0, "device": "cpu",
              "output": "", "output_lines_dropped": 0,
              "tests": [{"name": "file imports", "status": "error", "mistake": None, "counterexample": {"line": 3},
                         "message": "syntax error on line 3: expected ':'\n    def mse_loss(pred, target)\n"
                                    "                              ^", "stage": None, "mistake_explanation": None}]}
    out = io.StringIO()
    render(from_json(result), exercise, Console(file=out, width=80, color_system=None))
    text = out.getvalue()
    assert "--seed" not in text
    assert "Stuck? 'dltutor hint mse' reveals the next hint." in words(text)


def test_a_failure_on_drawn_inputs_still_names_its_seed(en):
    text = words(rendered(SAMPLING, LONG_MISTAKE))
    assert "'--seed 7' repeats this exact run" not in text       # no case in this result: nothing drawn to repeat
    exercise = shipped_catalog().exercise("mse")
    case = {"check": "tiny", "seed": 7, "params": {}, "call": "mse_loss",
            "inputs": {"pred": "tensor(3,) float64 = [1.0, 2.0, 3.0]", "target": "tensor(3,) float64 = [1.0, 0.0, 0.0]"}}
    result = result_with("mse", "sum_instead_of_mean")
    result["tests"][1]["counterexample"] = case
    out = io.StringIO()
    render(from_json(result), exercise, Console(file=out, width=80, color_system=None))
    assert "'--seed 7' repeats this exact run" in words(out.getvalue())
