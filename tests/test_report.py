"""tutor.report arranges a grade for reading, and `dltutor check` prints it: the smallest failing
case as a call (defaults left out, the seed said), the named mistake once, a syntax error with
its caret and no "smallest failing case"."""
from __future__ import annotations

import io

from rich.console import Console

from tutor.commands.check import render
from tutor.content import shipped_catalog
from tutor.grading.result import from_json
from tutor.report import build_report, case_call

CONV2D = shipped_catalog().exercise("conv2d")

PADDING_CASE = {"check": "padding", "seed": 7, "params": {"n": 1, "c": 2, "f": 3, "h": 4, "w": 5, "padding": 1},
                "call": "conv2d",
                "inputs": {"x": "tensor(1, 2, 4, 5) float64", "weight": "tensor(3, 2, 3, 3) float64", "bias": None,
                           "stride": 1, "padding": 1}}
TINY_CASE = {"check": "tiny", "seed": 7, "params": {}, "call": "conv2d",
             "inputs": {"x": "tensor(1, 1, 2, 2) float32 = [1.0, 2.0, 3.0, 4.0]", "weight": "tensor(1, 1, 1, 1) float64",
                        "bias": None, "stride": 2, "padding": 0}}


def check(name, status, message="", mistake=None, case=None, explanation=None):
    return {"name": name, "status": status, "message": message, "mistake": mistake, "counterexample": case,
            "stage": None, "mistake_explanation": explanation}


def flipped_result() -> dict:
    return {"exercise": "conv2d", "status": "fail", "seed": 7, "duration_s": 0.5, "device": "cpu", "output": "",
            "output_lines_dropped": 0,
            "tests": [check("file imports", "pass", "imported cleanly"),
                      check("shapes", "fail", "the result has shape (1, 3, 4, 5), expected (1, 3, 2, 3)\nmore"),
                      check("padding", "fail", "wrong values", "flipped_kernel", PADDING_CASE, "Use *no* flip."),
                      check("tiny", "fail", "wrong values again", "flipped_kernel", TINY_CASE, "Use *no* flip."),
                      check("gradients", "skipped", "not run: an earlier check failed")]}


def test_a_case_reads_as_the_call_with_defaults_left_out_and_the_seed():
    case = case_call(PADDING_CASE, CONV2D)
    assert case.call == "conv2d(x: (1, 2, 4, 5), weight: (3, 2, 3, 3), padding=1)"
    assert case.facts == "float64 tensors · seed 7"
    assert case.lines()[0] == case.call


def test_mixed_dtypes_are_named_per_tensor_and_small_values_are_listed():
    case = case_call(TINY_CASE, CONV2D)
    assert case.call == "conv2d(x: (1, 1, 2, 2) float32, weight: (1, 1, 1, 1) float64, stride=2)"
    assert ("x", "[1.0, 2.0, 3.0, 4.0]") in case.values
    assert case.facts == "seed 7"


def test_a_small_matrix_is_shown_row_by_row():
    import torch

    from tutor.grading.cases import describe_value

    described = describe_value(torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 1 / 3]]))
    assert described == "tensor(3, 3) float32 = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 0.3333]]"
    case = case_call({"check": "tiny", "seed": 1, "params": {}, "call": "softmax", "inputs": {"x": described}})
    assert case.lines()[-3:] == ["x = [[1.0, 2.0, 3.0],", "     [4.0, 5.0, 6.0],", "     [7.0, 8.0, 0.3333]]"]
    assert describe_value(torch.tensor(2.5)) == "tensor() float32 = 2.5"     # a scalar is a number, not a list


def test_without_the_exercise_nothing_is_taken_for_a_default():
    assert case_call(PADDING_CASE).call == "conv2d(x: (1, 2, 4, 5), weight: (3, 2, 3, 3), bias=None, stride=1, padding=1)"


def test_a_syntax_error_or_forbidden_api_has_no_case_to_show():
    assert case_call({"line": 3}) is None
    assert case_call({"line": 3, "api": "F.conv2d"}) is None
    assert case_call(None) is None


def test_the_report_puts_the_mistake_first_then_the_first_failure():
    report = build_report(flipped_result(), CONV2D)
    assert report.verdict == "FAIL  3 of 5 failed, 1 not run"
    assert report.mistake.title == CONV2D.mistakes["flipped_kernel"].title
    # The course's own text, in the language the learner reads now (a warm grader may answer in another);
    # the result's copy only when no exercise is at hand.
    assert report.mistake.explanation == CONV2D.mistakes["flipped_kernel"].explanation
    assert build_report(flipped_result()).mistake.explanation == "Use *no* flip."
    assert report.first.name == "shapes" and report.first.case is None
    assert [f.name for f in report.later] == ["padding", "tiny"]
    passing = build_report({"status": "pass", "tests": [check("a", "pass"), check("b", "pass")]})
    assert passing.verdict == "PASS  all 2 checks passed" and passing.first is None and passing.mistake is None


def rendered(result: dict) -> str:
    out = io.StringIO()
    render(from_json(result), CONV2D, Console(file=out, width=80, color_system=None))
    return out.getvalue()


def test_check_prints_the_case_as_a_call_not_json_and_explains_the_mistake_once():
    result = flipped_result()
    result["tests"] = [result["tests"][0], *result["tests"][2:]]      # the padding check fails first
    text = rendered(result)
    assert "    smallest failing case (float64 tensors · seed 7):\n" in text
    assert "        conv2d(x: (1, 2, 4, 5), weight: (3, 2, 3, 3), padding=1)\n" in text
    assert '{"' not in text and "tensor(" not in text
    assert text.count("Classic mistake: ") == 1 and "(flipped_kernel)" in text
    assert "the same classic mistake" in text
    verdict = next(line for line in text.splitlines() if line.startswith("FAIL"))
    assert verdict.startswith("FAIL  conv2d  2 of 4 failed, 1 not run  seed 7")


def test_a_syntax_error_prints_the_line_with_a_caret_and_no_smallest_case():
    message = "syntax error on line 2: invalid syntax\n    return x +\n              ^"
    result = {"exercise": "conv2d", "status": "error", "seed": 1, "duration_s": 0.0, "device": "cpu",
              "tests": [check("file imports", "error", message, case={"line": 2})]}
    text = rendered(result)
    assert "return x +" in text and "^" in text
    assert "smallest failing case" not in text
    assert "FAIL (ERROR)" in text


def test_hint_wraps_at_word_boundaries(dltutor_home):
    import os
    import subprocess
    import sys

    env = dict(os.environ, COLUMNS="50")
    out = subprocess.run([sys.executable, "-m", "tutor", "hint", "conv2d"], capture_output=True, text=True,
                         env=env, timeout=60).stdout
    lines = [line for line in out.splitlines() if line]
    assert lines and all(len(line) <= 49 for line in lines), out
    assert " ".join(" ".join(lines).split()) == f"Hint 1/{len(CONV2D.hints)} (new): " + " ".join(CONV2D.hints[0].split())


def test_the_spinner_stays_off_when_output_is_not_a_terminal(capsys):
    from tutor.commands.spinner import waiting

    with waiting("Grading…"):
        pass
    assert capsys.readouterr() == ("", "")


def test_unknown_ids_suggest_only_close_names():
    from tutor.content.catalog import unknown_message

    known = ["conv2d", "rnn_cell", "gru_cell", "max_pool2d", "softmax"]
    assert "Did you mean" not in unknown_message("exercise", "relu", known)
    assert "Did you mean 'softmax'?" in unknown_message("exercise", "softmx", known)
    assert "'max_pool2d'" in unknown_message("exercise", "pool", known)


def test_the_cli_and_the_app_draw_the_same_blocks_in_the_same_order():
    """One result, fed to `dltutor check`'s renderer and to the app's results pane: both show every
    block of tutor.report.report_blocks, in that order (the verdict first in the app, last in a terminal)."""
    import asyncio

    from textual.app import App, ComposeResult

    from tutor.report import report_blocks
    from tutor.tui.widgets.results import GradeResults

    result = flipped_result()
    result["output"] = "debug: shapes (1, 3, 4, 5)\n"
    blocks = report_blocks(build_report(result, CONV2D))
    assert [b.kind for b in blocks][:4] == ["verdict", "mistake", "check", "message"]

    def pieces(block) -> list[str]:
        if block.kind == "mistake":
            return [block.title]
        if block.kind == "case":
            return block.text.splitlines()[:1]
        return [line for line in block.text.splitlines() if line.strip()][:1]

    def in_order(text: str, wanted: list[str]) -> list[str]:
        """The pieces not found in order in `text` (empty when all are)."""
        flat, at, missing = " ".join(text.split()), 0, []
        for piece in wanted:
            found = flat.find(" ".join(piece.split()), at)
            if found < 0:
                missing.append(piece)
            else:
                at = found
        return missing

    body = [p for b in blocks if b.kind != "verdict" for p in pieces(b)]
    cli = rendered(result)
    assert not in_order(cli, body + [build_report(result, CONV2D).word])

    class Pane(App):
        def compose(self) -> ComposeResult:
            yield GradeResults(CONV2D, id="results")

    async def drawn() -> str:
        app = Pane()
        async with app.run_test(size=(100, 60)) as pilot:
            pane = app.query_one(GradeResults)
            pane.show(result)
            await pilot.pause()
            return pane.plain_text

    app_text = asyncio.run(drawn())
    assert not in_order(app_text, [blocks[0].text] + body)
