"""The grader's words in the learner's language: check names, checks.py's sentences (through
`say`) and the refusals raised inside the sandbox, while `check --json` keeps its English names."""
from __future__ import annotations

import pytest

from tutor import paths
from tutor.content import load_catalog
from tutor.content.check_phrases import Phrases, check_label, phrase_table
from tutor.content.translations import BROKEN, MISSING, check_phrase_problems, exercise_overlay
from tutor.grading.exercise_files import check_phrases, phrase_problems
from tutor.grading.messages import error_result, refusal_text
from tutor.i18n.catalog import record_missing
from tutor.i18n.lang import set_language
from tutor.report import build_report, report_blocks

CATALOG = load_catalog(paths.content_root(), lang="en")


@pytest.fixture
def zh():
    set_language("zh")
    yield
    set_language("en")


@pytest.fixture
def exercise_folder(tmp_path):
    folder = tmp_path / "demo"
    folder.mkdir()
    (folder / "checks.py").write_text("")
    (folder / "zh.toml").write_text(
        'title = "示例"\n[checks]\n"padding" = "填充"\n'
        '[messages]\n"{name} has one entry per feature" = "{name} 每个特征一个值"\n', encoding="utf-8")
    return folder


def test_say_formats_the_template_in_the_learners_language(exercise_folder, zh):
    say = Phrases(exercise_folder / "checks.py")
    assert say("{name} has one entry per feature", name="dgamma") == "dgamma 每个特征一个值"
    set_language("en")
    assert say("{name} has one entry per feature", name="dgamma") == "dgamma has one entry per feature"


def test_an_untranslated_sentence_stays_english_and_is_reported(exercise_folder, zh):
    with record_missing() as seen:
        assert Phrases(exercise_folder / "checks.py")("no such {x}", x=1) == "no such 1"
    assert seen == {("zh", "no such {x}")}


def test_check_labels_exercise_names_from_zh_toml_and_the_graders_own_from_the_catalogue(exercise_folder, zh):
    assert check_label(exercise_folder, "padding") == "填充"
    assert check_label(exercise_folder, "file imports") == "文件能导入"
    assert check_label(exercise_folder, "no forbidden APIs") == "没有用到禁用的 API"
    assert check_label(exercise_folder, "defines conv2d, conv2d_grad") == "定义了 conv2d, conv2d_grad"
    set_language("en")
    assert check_label(exercise_folder, "padding") == "padding"


def test_a_broken_table_is_a_problem_and_not_a_crash(exercise_folder):
    (exercise_folder / "zh.toml").write_text('[messages]\n"{a} and {b}" = "{a} 和 {c}"\n[checks]\n"x" = ""\n',
                                             encoding="utf-8")
    assert phrase_table(exercise_folder, "zh", "checks") == {}       # the empty name is dropped
    conv2d = CATALOG.exercises["conv2d"]
    import dataclasses
    _shown, problems = exercise_overlay(dataclasses.replace(conv2d, folder=exercise_folder))
    found = "\n".join(p.message for p in problems if p.kind == BROKEN)
    assert "uses ['a', 'b'], the Chinese ['a', 'c']" in found and "'x' has no Chinese text" in found


def test_missing_and_stale_entries_are_listed(exercise_folder):
    problems = check_phrase_problems(exercise_folder, ["padding", "stride"], ["{name} has one entry per feature",
                                                                            "new sentence"])
    text = {p.kind: p.message for p in problems}
    assert problems and all(p.kind == MISSING for p in problems)
    assert "'stride'" in text[MISSING] or any("'stride'" in p.message for p in problems)
    stale = check_phrase_problems(exercise_folder, [], [])
    assert {p.kind for p in stale} == {BROKEN}
    assert any("'padding'" in p.message for p in stale)


def test_say_needs_a_literal_template(tmp_path):
    import dataclasses

    folder = tmp_path / "x"
    folder.mkdir()
    (folder / "checks.py").write_text("say = print\nCHECKS = []\ndef f(t):\n    return say(t)\n")
    exercise = dataclasses.replace(CATALOG.exercises["conv2d"], id="x_literal", folder=folder)
    with pytest.raises(ValueError, match="string literal"):
        check_phrases(exercise)


@pytest.mark.parametrize("exercise_id", sorted(CATALOG.exercises))
def test_every_check_name_and_sentence_has_its_chinese(exercise_id):
    """CI fails when a check is added or renamed without its zh name (python -m tutor.content.zh_check ID)."""
    problems = phrase_problems(CATALOG.exercises[exercise_id])
    assert not problems, "\n".join(map(str, problems))


def test_the_report_shows_zh_names_while_the_json_keeps_english(zh):
    conv2d = load_catalog(paths.content_root(), lang="zh").exercises["conv2d"]
    result = {"exercise": "conv2d", "status": "fail", "seed": 1, "device": "cpu", "tests": [
        {"name": "file imports", "status": "pass", "message": "ok"},
        {"name": "padding", "status": "fail", "message": "wrong", "mistake": None},
    ]}
    report = build_report(result, conv2d)
    names = [b.text for b in report_blocks(report) if b.kind == "check"]
    assert names[:1] == ["填充"] and "文件能导入" in names
    assert result["tests"][1]["name"] == "padding"


def test_a_sandbox_refusal_is_said_in_the_learners_language(zh):
    error = {"type": "SandboxRefusal", "message": "graded code cannot do this: starting a process (os.system)",
             "category": "forbidden", "line": 3, "template": "graded code cannot do this: {what} ({event})",
             "values": {"what": "starting a process", "event": "os.system"}, "phrases": ["what"]}
    assert refusal_text(error) == "被评分的代码不能这样做：启动进程（os.system）"
    assert error_result("padding", error, None).message == "被评分的代码不能这样做：启动进程（os.system）（第 3 行）"
    set_language("en")
    assert refusal_text(error) == error["message"]


def test_a_refusal_whose_template_does_not_fit_falls_back_to_its_english(zh):
    error = {"message": "plain English", "template": "{missing} value", "values": {}, "phrases": []}
    assert refusal_text(error) == "plain English"
    assert refusal_text({"message": "no template"}) == "no template"


def test_the_refusals_carry_their_template_from_inside_the_sandbox():
    from tutor.grading.forbidden import ForbiddenAPIError, SandboxRefusal
    from tutor.grading.sandbox import describe_exception

    refusal = SandboxRefusal("graded code cannot do this: {what} ({event})", phrases=("what",),
                             what="network access", event="socket.connect")
    assert str(refusal) == "graded code cannot do this: network access (socket.connect)"
    assert isinstance(refusal, PermissionError)
    described = describe_exception(refusal, "learner.py")
    assert described["template"] == refusal.template and described["values"]["event"] == "socket.connect"
    assert described["phrases"] == ["what"] and described["category"] == "forbidden"
    forbidden = describe_exception(ForbiddenAPIError("{what} is off-limits in this exercise: it is what you are "
                                                     "asked to write. Build it from simpler tensor operations.",
                                                     what="F.conv2d"), "learner.py")
    set_language("zh")
    try:
        assert refusal_text(forbidden).startswith("本练习不能使用 F.conv2d")
    finally:
        set_language("en")


def test_the_facts_a_case_adds_are_labelled_in_chinese_and_parameter_names_stay(zh):
    from tutor.report import case_call

    case = case_call({"note": "默认值 (1e-5)", "top_k": 3, "params": {"n": 1}})
    assert case is not None and case.extras == [("说明", "默认值 (1e-5)"), ("top_k", "3")]
