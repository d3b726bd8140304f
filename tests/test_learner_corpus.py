"""The learner corpus: correct alternatives pass, shortcuts fail saying what was refused, honest
mistakes fail with a message that teaches (tests/learner_files/corpus/README.md)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tutor.content.catalog import shipped_catalog

CORPUS = Path(__file__).parent / "learner_files" / "corpus"
FILES = sorted(CORPUS.glob("*.py"))


def header(path: Path) -> dict[str, str]:
    facts = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"# (exercise|expect|stage|message): (.+)", line)
        if match:
            facts[match.group(1)] = match.group(2).strip()
        elif line and not line.startswith("#"):
            break
    return facts


def test_every_corpus_file_says_what_it_expects():
    assert len(FILES) >= 30
    for path in FILES:
        facts = header(path)
        assert {"exercise", "expect"} <= set(facts), path.name
        assert facts["expect"] in ("pass", "fail", "error"), path.name


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_corpus_verdict(path: Path):
    from tutor.grading.engine import grade

    facts = header(path)
    exercise = shipped_catalog().exercises[facts["exercise"]]
    result = grade(exercise, path, seed=1234, device="cpu")
    failing = [t for t in result.tests if t.status not in ("pass", "skipped")]
    report = "\n".join(f"{t.status} [{t.stage}] {t.name}: {t.message}" for t in result.tests)
    assert result.status == facts["expect"], report
    if "stage" in facts:
        assert any(t.stage == facts["stage"] for t in failing), report
    if "message" in facts:
        assert any(facts["message"] in t.message for t in failing), report
    if facts["expect"] != "pass":
        # A refusal says what was refused: never a bare traceback from inside the grader.
        assert all(t.message.strip() for t in failing), report


def test_an_honest_solution_still_passes_after_the_corpus():
    from tutor.grading.engine import grade

    exercise = shipped_catalog().exercises["conv2d"]
    assert grade(exercise, exercise.solution, seed=7, device="cpu").status == "pass"


def test_shortcuts_then_an_honest_solution_in_one_warm_service(warm_grading_service):
    """The warm service the app uses: refusals leave nothing behind that fails the next honest grade."""
    shortcuts = [p for p in FILES if p.stem.startswith("shortcut_conv2d")]
    solution = shipped_catalog().exercises["conv2d"].solution
    service = warm_grading_service
    for path in shortcuts:
        assert service.grade("conv2d", path, seed=3)["status"] == "fail", path.name
        assert service.grade("conv2d", solution, seed=3)["status"] == "pass", f"after {path.name}"


def test_hostile_files_are_contained_with_every_layer_up(warm_grading_service):
    """tests/test_sandbox_isolation.py tests the walls alone; here the audit hook is up too (as in real
    use): no hostile file passes, and an honest solution passes after each, in one warm service (the
    session's, conftest: default settings, its home outside the private /tmp)."""
    import shutil

    hostile = sorted((Path(__file__).parent / "learner_files" / "hostile").glob("*.py"))
    service = warm_grading_service
    home = Path(service.env["DLTUTOR_HOME"])
    solution = shipped_catalog().exercises["conv2d"].solution
    for path in hostile:
        target = home / "workspace" / "conv2d.py"
        shutil.copy(path, target)
        result = service.grade("conv2d", target, seed=5, device="cpu")
        assert result.get("status") in ("fail", "error", "timeout"), (path.name, result)
        assert service.grade("conv2d", solution, seed=5, device="cpu")["status"] == "pass", f"after {path.name}"
