"""Accept and teach: a note check (Check(note=...)) never fails a grade, and where it mismatches the
passing test carries the note — the textbook sigmoid passes activations and is told that its gradient
is NaN at x = −1000. In the JSON ("note"), the report, the CLI (just above the verdict), the app
(just under it), and in Chinese; `dltutor validate` pairs note checks with [notes.<id>] tables."""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from conftest import make_app_without_grading, screen_text, wait_for
from rich.console import Console

from tutor.cli import main
from tutor.commands.check import render
from tutor.content import shipped_catalog
from tutor.grading.engine import grade
from tutor.grading.result import from_json
from tutor.report import build_report, report_blocks

PLAIN = Path(__file__).parent / "learner_files" / "corpus" / "correct_activations_plain.py"
NOTES = {"sigmoid gradient on saturated inputs": "sigmoid_nan_gradient",
         "tanh gradient on saturated inputs": "tanh_nan_gradient"}
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def plain() -> dict:
    """The textbook file's grade, as `check --json` prints it (graded once for the module)."""
    return grade(shipped_catalog("en").exercise("activations"), PLAIN, seed=3, device="cpu").to_json()


def test_the_textbook_file_passes_and_carries_a_note_with_its_case(plain):
    exercise = shipped_catalog().exercise("activations")
    assert plain["status"] == "pass"
    noted = {t["name"]: t for t in plain["tests"] if t["note"]}
    assert {name: t["note"] for name, t in noted.items()} == NOTES
    for test in noted.values():
        assert test["status"] == "pass" and test["stage"] == "note" and test["mistake"] is None
        assert test["message"] == exercise.notes[test["note"]].explanation
        case = test["counterexample"]
        assert case["check"] == test["name"] and case["seed"] == 3 and "-1000.0" in case["inputs"]["x"]
    assert all(t["status"] == "pass" and t["note"] is None for t in plain["tests"] if t["name"] not in NOTES)


def test_the_shipped_solution_passes_with_no_note():
    exercise = shipped_catalog().exercise("activations")
    result = grade(exercise, exercise.solution, seed=3, device="cpu")
    assert result.status == "pass"
    assert [t.note for t in result.tests if t.note] == []
    assert {t.stage for t in result.tests} == {None}


def test_a_real_mistake_still_fails_and_gets_no_untrue_note():
    exercise = shipped_catalog().exercise("activations")
    result = grade(exercise, exercise.mistakes["sigmoid_overflow"].path, seed=3, device="cpu")
    assert result.status == "fail" and result.first_mistake == "sigmoid_overflow"
    # Its sigmoid's values are NaN: a note about right values with a NaN gradient would be untrue.
    sigmoid_note = next(t for t in result.tests if t.name == "sigmoid gradient on saturated inputs")
    assert sigmoid_note.status == "skipped" and sigmoid_note.note is None
    # Notes wait for a pass: next to a failure the report shows none.
    assert "note" not in [b.kind for b in report_blocks(build_report(result.to_json(), exercise))]


def test_an_exception_in_a_note_check_fails_as_in_any_check(tmp_path):
    learner = tmp_path / "activations.py"
    learner.write_text(PLAIN.read_text(encoding="utf-8").replace(
        "    return 1 / (1 + torch.exp(-x))",
        "    if x.requires_grad and bool((x < -500).any()):\n        raise ValueError('too negative')\n"
        "    return 1 / (1 + torch.exp(-x))"))
    result = grade(shipped_catalog().exercise("activations"), learner, seed=3, device="cpu")
    test = next(t for t in result.tests if t.name == "sigmoid gradient on saturated inputs")
    assert result.status == "fail"
    assert (test.status, test.stage, test.note) == ("fail", "exception", None), test
    assert "too negative" in test.message


def test_check_json_has_a_note_on_every_test_and_the_exit_code_stays_0(capsys):
    code = main(["check", "activations", "--file", str(PLAIN), "--json", "--seed", "3"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["status"] == "pass"
    assert all("note" in t for t in out["tests"])
    assert {t["name"]: t["note"] for t in out["tests"] if t["note"] is not None} == NOTES
    assert all(t["mistake"] is None for t in out["tests"])


def test_the_report_keeps_the_verdict_and_puts_the_notes_after_it(plain):
    report = build_report(plain, shipped_catalog().exercise("activations"))
    assert report.verdict == f"PASS  all {len(plain['tests'])} checks passed"
    blocks = report_blocks(report)
    assert [b.kind for b in blocks[:3]] == ["verdict", "note", "note"]
    sigmoid = blocks[1]
    assert sigmoid.title == "sigmoid's gradient is NaN where exp overflows"
    assert sigmoid.case is not None and sigmoid.case.call == "sigmoid(x: (9,))"
    assert "float32" in sigmoid.case.facts
    # The check's own line stays a pass, and names the note instead of repeating it.
    line = next(c for c in report.checks if c.name == "sigmoid gradient on saturated inputs")
    assert line.status == "pass" and line.message == f"good to know: {sigmoid.title}"


def test_the_cli_prints_the_notes_just_above_the_verdict(plain):
    out = io.StringIO()
    render(from_json(plain), shipped_catalog().exercise("activations"), Console(file=out, width=100, color_system=None))
    lines = out.getvalue().splitlines()
    heading = next(i for i, line in enumerate(lines) if "Good to know: sigmoid's gradient is NaN" in line)
    tanh = next(i for i, line in enumerate(lines) if "Good to know: tanh's gradient is NaN" in line)
    verdict = next(i for i, line in enumerate(lines) if line.startswith("PASS  activations  all 22 checks passed"))
    every_check = lines.index("All checks")
    assert every_check < heading < tanh < verdict
    assert any("sigmoid(x: (9,))" in line for line in lines[heading:tanh])
    assert "✔ sigmoid gradient on saturated inputs  good to know: sigmoid's gradient is NaN" in "\n".join(lines)
    assert "the case (float32 tensor · seed 3):" in "\n".join(lines[heading:tanh])


@pytest.mark.asyncio
async def test_the_app_shows_the_notes_under_the_verdict(plain):
    from tutor.tui.screens.exercise import ExerciseScreen

    app = make_app_without_grading()
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_exercise("activations")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen), 10, "the exercise screen")
        screen = app.screen
        await wait_for(pilot, lambda: bool(screen.query("#pane-tabs Tab")), 10, "the screen mounted")
        screen.show_result(plain)               # as a grade lands
        await wait_for(pilot, lambda: "Good to know" in screen_text(app), 10, "the note on screen")
        text = screen.results.plain_text
        assert text.startswith("PASS  all 22 checks passed")
        sigmoid = text.index("Good to know: sigmoid's gradient is NaN where exp overflows")
        assert sigmoid < text.index("Good to know: tanh's gradient") < text.index("All checks")
        assert "sigmoid(x: (9,))" in text[sigmoid:text.index("All checks")]
        assert "✔ sigmoid gradient on saturated inputs" in text


def test_in_chinese_the_note_is_told_in_chinese(zh):
    exercise = shipped_catalog("zh").exercise("activations")
    result = grade(exercise, PLAIN, seed=3, device="cpu").to_json()
    noted = next(t for t in result["tests"] if t["note"] == "sigmoid_nan_gradient")
    assert noted["name"] == "sigmoid gradient on saturated inputs"            # the JSON keeps English names
    assert noted["message"] == exercise.notes["sigmoid_nan_gradient"].explanation and CJK.search(noted["message"])
    out = io.StringIO()
    render(from_json(result), exercise, Console(file=out, width=100, color_system=None))
    text = out.getvalue()
    assert f"值得了解：{exercise.notes['sigmoid_nan_gradient'].title}" in text
    assert "✔ sigmoid：饱和区输入上的梯度  值得了解：" in text and "用例 (float32 张量 · 种子 3)：" in text


# -- the manifest and the checks agree -----------------------------------------------------------------

NOTE_CHECKS = """\
from tutor.grading.spec import Call, Check

CHECKS = [
    Check("sigmoid far left", lambda p, g: Call("sigmoid"), function="sigmoid",
          note="nan_gradient"),
]
"""
NOTE_TABLE = '\n[notes.{id}]\ntitle = "A NaN gradient"\nexplanation = "Right values, a NaN gradient."\n'


def test_validate_reports_a_check_whose_note_the_manifest_lacks(fake_content, capsys):
    fake_content.write("exercises/activations/checks.py", NOTE_CHECKS)
    assert main(["validate", "--root", str(fake_content.root)]) == 1
    out = capsys.readouterr().out
    checks = fake_content.root / "exercises/activations/checks.py"
    line = fake_content.line_of("exercises/activations/checks.py", 'note="nan_gradient"')
    assert (f"error: {checks}:{line}: check 'sigmoid far left' has note 'nan_gradient', but exercise.toml has "
            "no [notes.nan_gradient]") in out
    assert "1 problem." in out


def test_validate_reports_a_note_no_check_uses(fake_content, capsys):
    manifest = "exercises/activations/exercise.toml"
    fake_content.write("exercises/activations/checks.py", NOTE_CHECKS)
    text = (fake_content.root / manifest).read_text(encoding="utf-8")
    fake_content.write(manifest, text + NOTE_TABLE.format(id="nan_gradient") + NOTE_TABLE.format(id="unused"))
    assert main(["validate", "--root", str(fake_content.root)]) == 1
    out = capsys.readouterr().out
    line = fake_content.line_of(manifest, "[notes.unused]")
    assert f"error: {fake_content.root / manifest}:{line}: [notes.unused] is used by no check" in out
    assert "nan_gradient" not in out and "1 problem." in out


def test_the_loader_reads_notes_beside_the_exercise(fake_content):
    from tutor.content import load_catalog

    manifest = "exercises/activations/exercise.toml"
    text = (fake_content.root / manifest).read_text(encoding="utf-8")
    fake_content.write(manifest, text + NOTE_TABLE.format(id="nan_gradient"))
    exercise = load_catalog(fake_content.root).exercise("activations")
    assert exercise.title == "Activations"                    # a note's title is not the exercise's
    assert exercise.notes["nan_gradient"].title == "A NaN gradient"
    assert exercise.notes["nan_gradient"].explanation == "Right values, a NaN gradient."


def test_a_note_needs_a_title_and_an_explanation(fake_content):
    from tutor.content import load_catalog

    manifest = "exercises/activations/exercise.toml"
    text = (fake_content.root / manifest).read_text(encoding="utf-8")
    fake_content.write(manifest, text + '\n[notes.nan_gradient]\ntitle = "A NaN gradient"\n')
    [error] = load_catalog(fake_content.root).errors
    assert "note 'nan_gradient' needs an explanation" in error.message
    assert error.line == fake_content.line_of(manifest, "[notes.nan_gradient]")


def test_a_note_zh_toml_lacks_is_shown_in_english_and_listed(fake_content):
    from tutor.content import load_catalog

    manifest = "exercises/activations/exercise.toml"
    text = (fake_content.root / manifest).read_text(encoding="utf-8")
    fake_content.write(manifest, text + NOTE_TABLE.format(id="nan_gradient"))
    fake_content.write("exercises/activations/zh.toml", 'title = "激活函数"\nhints = ["一。", "二。", "三。"]\n')
    catalog = load_catalog(fake_content.root, lang="zh")
    note = catalog.exercise("activations").notes["nan_gradient"]
    assert note.fallback_en and note.title == "A NaN gradient"
    assert any("note nan_gradient: no title, explanation" in str(p) for p in catalog.translation_problems)
    fake_content.write("exercises/activations/zh.toml", 'title = "激活函数"\nhints = ["一。", "二。", "三。"]\n'
                       '[notes.nan_gradient]\ntitle = "NaN 梯度"\nexplanation = "值是对的，梯度是 NaN。"\n')
    note = load_catalog(fake_content.root, lang="zh").exercise("activations").notes["nan_gradient"]
    assert (note.title, note.explanation, note.fallback_en) == ("NaN 梯度", "值是对的，梯度是 NaN。", False)
