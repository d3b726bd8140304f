"""The grader speaks the learner's language: its messages and the named mistake's explanation come in
Chinese when the learner reads Chinese — also from a grading service that was started in English."""
from __future__ import annotations

import re

import pytest

from tutor.content import shipped_catalog
from tutor.i18n import lang
from tutor.i18n.catalog import record_missing

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def chinese():
    lang.set_language("zh")
    yield
    lang.set_language("en")


def test_a_failing_grade_is_explained_in_chinese(chinese):
    from tutor.grading.engine import grade

    exercise = shipped_catalog("zh").exercise("conv2d")
    result = grade(exercise, exercise.mistakes["flipped_kernel"].path, seed=1, device="cpu")
    failing = [t for t in result.tests if t.failed]
    assert failing and CJK.search(failing[0].message), failing[0].message
    named = next(t for t in failing if t.mistake == "flipped_kernel")
    assert named.mistake_explanation == exercise.mistakes["flipped_kernel"].explanation
    assert CJK.search(named.mistake_explanation)
    passing = [t for t in result.tests if t.status == "pass"]
    assert passing and all(CJK.search(t.message) for t in passing)   # "导入成功", "… 个用例通过"


def test_every_check_is_named_in_chinese_and_the_json_keeps_english_names(chinese):
    from tutor.grading.engine import grade
    from tutor.report import build_report

    exercise = shipped_catalog("zh").exercise("conv2d")
    with record_missing() as untranslated:
        result = grade(exercise, exercise.mistakes["stride_ignored"].path, seed=1, device="cpu")
        report = build_report(result.to_json(), exercise)
    assert untranslated == set()
    assert report.checks and all(CJK.search(line.name) for line in report.checks), [c.name for c in report.checks]
    assert "padding" in [t.name for t in result.tests] and "file imports" in [t.name for t in result.tests]
    assert any("是不是忽略了步幅" in t.message for t in result.tests)      # checks.py's shape hint, through say()


def test_english_is_unchanged():
    from tutor.grading.engine import grade

    exercise = shipped_catalog("en").exercise("conv2d")
    result = grade(exercise, exercise.starter, seed=1, device="cpu")
    assert any(t.message.startswith("not implemented yet") for t in result.tests)
    assert not any(CJK.search(t.message) for t in result.tests)


@pytest.mark.slow
def test_a_service_started_in_english_answers_a_chinese_request_in_chinese(tmp_path, warm_grading_service):
    exercise = shipped_catalog("en").exercise("conv2d")
    service = warm_grading_service   # the session's (conftest): started with DLTUTOR_LANG=en
    try:
        english = service.grade("conv2d", exercise.starter, seed=1)
        lang.set_language("zh")
        chinese = service.grade("conv2d", exercise.starter, seed=1)
    finally:
        lang.set_language("en")
    assert any(t["message"].startswith("not implemented yet") for t in english["tests"])
    assert any(t["message"].startswith("还没有实现") for t in chinese["tests"]), chinese["tests"]
