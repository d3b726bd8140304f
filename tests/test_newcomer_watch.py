"""`dltutor watch` in an 80×24 terminal: after each save the screen is cleared and the report printed;
what matters most — the classic mistake, the first failure and its smallest case — must be on the
screen, not scrolled off its top.

Found by a newcomer: watching mse written with .sum(), the 24 rows showed only the tail of the list
of checks and the verdict; the named mistake's explanation and the smallest failing case had scrolled
away above, although `dltutor check` puts them first on purpose.
"""
from __future__ import annotations

import io

from rich.console import Console

from tutor.commands.check import render
from tutor.content import shipped_catalog
from tutor.grading.result import from_json

MSE = shipped_catalog().exercise("mse")
SCREEN_ROWS = 24
CASE = {"check": "tiny", "seed": 7, "params": {}, "call": "mse_loss",
        "inputs": {"pred": "tensor(3,) float64 = [1.0, 2.0, 3.0]", "target": "tensor(3,) float64 = [1.0, 0.0, 0.0]"}}
WRONG = "the result has wrong values: max abs error 8.67, max rel error 2, worst: expected 4.33333, got 13 (off by 8.7)"


def check(name, status, message="", mistake=None, case=None):
    return {"name": name, "status": status, "message": message, "mistake": mistake, "counterexample": case,
            "stage": None, "mistake_explanation": None}


def summed_result() -> dict:
    """What the grader says of mse_loss written with .sum(): five checks fail with the same mistake."""
    return {"exercise": "mse", "status": "fail", "seed": 7, "duration_s": 0.3, "device": "cpu", "output": "",
            "output_lines_dropped": 0,
            "tests": [check("no forbidden APIs", "pass", "none of F.mse_loss, nn.MSELoss"),
                      check("file imports", "pass", "imported cleanly"),
                      check("defines mse_loss", "pass", "all present"),
                      check("tiny example", "fail", WRONG, "sum_instead_of_mean", CASE),
                      check("a batch of vectors (N, D)", "fail", WRONG, "sum_instead_of_mean", CASE),
                      check("random shapes and scales", "fail", WRONG, "sum_instead_of_mean", CASE),
                      check("float32 inputs keep float32", "fail", WRONG, "sum_instead_of_mean", CASE),
                      check("gradients match autograd", "fail", WRONG, "sum_instead_of_mean", CASE)]}


def last_screen(watching: bool) -> str:
    out = io.StringIO()
    render(from_json(summed_result()), MSE, Console(file=out, width=80, color_system=None), watching=watching)
    return "\n".join(out.getvalue().splitlines()[-SCREEN_ROWS:])


def test_watching_keeps_the_mistake_and_the_smallest_case_on_the_last_screen(en):
    screen = last_screen(watching=True)
    assert f"Classic mistake: {MSE.mistakes['sum_instead_of_mean'].title}" in screen
    assert "smallest failing case" in screen and "mse_loss(pred: (3,), target: (3,))" in screen
    assert "FAIL  mse" in screen.splitlines()[-2] or "FAIL  mse" in screen.splitlines()[-3]


def test_watching_still_lists_every_check(en):
    out = io.StringIO()
    render(from_json(summed_result()), MSE, Console(file=out, width=80, color_system=None), watching=True)
    text = out.getvalue()
    assert text.index("All checks") < text.index("Classic mistake") < text.index("FAIL  mse")
    for name in ("no forbidden APIs", "defines mse_loss", "gradients match autograd"):
        assert name in text


def test_check_keeps_its_order(en):
    out = io.StringIO()
    render(from_json(summed_result()), MSE, Console(file=out, width=80, color_system=None))
    text = out.getvalue()
    assert text.index("Classic mistake") < text.index("All checks") < text.index("FAIL  mse")
