"""The Chinese edition laid over the English course (tutor/content/translations.py): what a zh
learner reads, per-item fallback to English (marked), answers and keys that never change, the
cache keyed by language, and the workspace starter."""
from __future__ import annotations

import os
import time

import pytest
from conftest import ZH_BASICS, ZH_CONV2D, ZH_QUIZ

from tutor.content import catalog as catalog_module
from tutor.content.cache import content_key
from tutor.content.catalog import load_catalog
from tutor.content.translations import MISSING, avoided_words
from tutor.i18n import lang


@pytest.fixture(autouse=True)
def english_by_default(monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "DLTUTOR_LANG"):
        monkeypatch.delenv(name, raising=False)
    lang.clear_language()
    yield
    lang.clear_language()


@pytest.fixture
def course(fake_content):
    fake_content.write("lessons/zh/01-basics.md", ZH_BASICS)
    fake_content.write("lessons/zh/05-convnets.quiz.toml", ZH_QUIZ)
    fake_content.write("exercises/conv2d/zh.toml", ZH_CONV2D)
    fake_content.write("exercises/conv2d/starter.zh.py",
                       "# conv2d 的起始文件\n" + "def conv2d(x):\n    raise NotImplementedError\n")
    fake_content.write("lessons/zh/GLOSSARY.md", "| English | 中文 | avoid |\n|---|---|---|\n"
                                                 "| weight | 权重 | 权值 |\n| loss function | 损失函数 | 代价函数 / 成本函数 |\n")
    return fake_content


def problems_of(catalog, kind=None):
    return [str(p) for p in catalog.translation_problems if kind is None or p.kind == kind]


# -- what a zh learner reads ---------------------------------------------------------------------

def test_a_translated_lesson_has_the_same_id_and_sections(course):
    en, zh = load_catalog(course.root), load_catalog(course.root, lang="zh")
    lesson = zh.lesson("basics")
    assert (lesson.title, lesson.lang, lesson.fallback_en) == ("基础", "zh", False)
    assert [s.title for s in lesson.sections] == ["基础", "激活函数", "动手试试"]
    assert len(lesson.sections) == len(en.lesson("basics").sections)
    assert lesson.path == course.root / "lessons/zh/01-basics.md"
    assert lesson.exercises == en.lesson("basics").exercises and lesson.demo == "gd"


def test_an_untranslated_lesson_stays_english_and_is_marked(course):
    zh = load_catalog(course.root, lang="zh")
    lesson = zh.lesson("convnets")
    assert (lesson.title, lesson.lang, lesson.fallback_en) == ("Convolutional networks", "en", True)
    assert lesson.quiz_path is not None           # its quiz is still there (and translated)
    assert any("05-convnets.md: missing" in p for p in problems_of(zh, MISSING))


def test_english_catalog_is_untouched_by_translations(course):
    en = load_catalog(course.root)
    assert en.lang == "en" and not en.translation_problems
    assert en.lesson("basics").title == "Basics" and not en.lesson("basics").fallback_en
    assert en.exercise("conv2d").starter.name == "starter.py"


@pytest.mark.parametrize("edit, message", [
    (('print("hi")', 'print("你好")'), "code block 1 differs"),
    (("## 动手试试\n", "动手试试\n"), "2 sections, the English has 3"),
    (('order = 1', 'order = 2'), "order = 2 does not match"),
    (('exercises = ["activations"]', 'exercises = []'), "front matter exercises"),
    (("运行练习。", "运行练习，$x$。"), "'$' outside code"),
])
def test_a_broken_lesson_translation_falls_back_to_english(course, edit, message):
    course.edit("lessons/zh/01-basics.md", *edit)
    zh = load_catalog(course.root, lang="zh")
    assert zh.lesson("basics").fallback_en and zh.lesson("basics").title == "Basics"
    assert any(message in p for p in problems_of(zh, "broken")), problems_of(zh)
    assert not zh.errors                          # a translation never breaks the course


def test_a_glossary_word_is_reported_but_the_text_still_shown(course):
    course.edit("lessons/zh/01-basics.md", "运行练习。", "运行练习，看看权值。")
    zh = load_catalog(course.root, lang="zh")
    assert not zh.lesson("basics").fallback_en
    assert [p for p in problems_of(zh, "glossary")] == [
        f"{course.root}/lessons/zh/01-basics.md: uses '权值', which the glossary says to avoid (lessons/zh/GLOSSARY.md)"]


def test_the_glossary_avoid_column(course):
    assert avoided_words(course.root) == ("权值", "代价函数", "成本函数")


def test_an_orphan_translation_is_reported(course):
    course.write("lessons/zh/02-nothing.md", ZH_BASICS)
    assert any("02-nothing.md: translates lessons/02-nothing.md, which does not exist" in p
               for p in problems_of(load_catalog(course.root, lang="zh")))


# -- quizzes: text from zh, answers and keys from English ------------------------------------------

def test_quiz_text_is_chinese_and_answers_keys_are_english(course):
    en, zh = load_catalog(course.root), load_catalog(course.root, lang="zh")
    english, chinese = en.quiz(en.lesson("convnets")), zh.quiz(zh.lesson("convnets"))
    assert [q.key for q in chinese] == [q.key for q in english]      # one review card in both languages
    assert [q.answer for q in chinese] == [q.answer for q in english]
    assert [q.verify for q in chinese] == [q.verify for q in english]
    assert chinese[0].prompt == "F.conv2d 计算的是什么？" and chinese[0].choices == ("卷积", "互相关")
    assert chinese[1].explanation == "6·3·5·5 + 6。"
    assert [q.fallback_en for q in chinese] == [False, False, False]


def test_a_quiz_answer_in_the_overlay_is_ignored(course):
    course.edit("lessons/zh/05-convnets.quiz.toml", 'choices = ["卷积", "互相关"]', 'choices = ["卷积", "互相关"]\nanswer = 0')
    zh = load_catalog(course.root, lang="zh")
    assert zh.quiz(zh.lesson("convnets"))[0].answer == 1
    assert any("question 1: 'answer' must not be repeated" in p for p in problems_of(zh))


def test_one_broken_question_falls_back_alone(course):
    course.edit("lessons/zh/05-convnets.quiz.toml", 'choices = ["卷积", "互相关"]', 'choices = ["卷积"]')
    zh = load_catalog(course.root, lang="zh")
    first, second, _ = zh.quiz(zh.lesson("convnets"))
    assert first.prompt == "What does F.conv2d compute?" and first.fallback_en
    assert second.prompt.startswith("nn.Conv2d(3, 6, 5)") and not second.fallback_en
    assert any("question 1: 1 choices, the English has 2" in p for p in problems_of(zh))


@pytest.mark.parametrize("edit, message", [
    (('[[question]]\nkind = "generated"\ngenerator = "conv_output_shape"\n', ""), "2 questions, the English has 3"),
    (('lesson = "convnets"', 'lesson = "basics"'), "lesson = 'basics'"),
    (("[[question]]", "[[question]"), "not valid TOML"),
])
def test_a_misaligned_quiz_falls_back_whole(course, edit, message):
    course.edit("lessons/zh/05-convnets.quiz.toml", *edit)
    zh = load_catalog(course.root, lang="zh")
    questions = zh.quiz(zh.lesson("convnets"))
    assert questions[0].prompt == "What does F.conv2d compute?"
    assert [q.fallback_en for q in questions] == [True, True, False]   # generated text is made in zh anyway
    assert any(message in p for p in problems_of(zh)), problems_of(zh)


def test_a_missing_quiz_translation_is_listed(course):
    (course.root / "lessons/zh/05-convnets.quiz.toml").unlink()
    zh = load_catalog(course.root, lang="zh")
    assert all(q.fallback_en for q in zh.quiz(zh.lesson("convnets")) if q.kind != "generated")
    assert any("05-convnets.quiz.toml: missing" in p for p in problems_of(zh, MISSING))


# -- exercises -----------------------------------------------------------------------------------

def test_exercise_title_hints_mistakes_and_starter_in_chinese(course):
    zh = load_catalog(course.root, lang="zh")
    exercise = zh.exercise("conv2d")
    assert exercise.title == "二维卷积" and exercise.hints == ("轻轻一推。", "概念。", "几乎就是答案。")
    assert (exercise.lang, exercise.fallback_en, exercise.starter_fallback_en) == ("zh", False, False)
    mistake = exercise.mistakes["flipped_kernel"]
    assert (mistake.title, mistake.explanation, mistake.fallback_en) == ("卷积核被翻转", "你把卷积核翻转了。", False)
    assert mistake.path.name == "flipped_kernel.py"                 # the grader's variant is unchanged
    assert exercise.starter.name == "starter.zh.py"
    assert exercise.solution.name == "solution.py" and exercise.functions == ("conv2d",)


def test_an_untranslated_exercise_is_english_and_marked(course):
    exercise = load_catalog(course.root, lang="zh").exercise("max_pool2d")
    assert exercise.title == "Max Pool2D" and exercise.fallback_en and exercise.starter_fallback_en
    assert exercise.starter.name == "starter.py"


@pytest.mark.parametrize("edit, title_zh, hints_zh, mistake_zh", [
    (('hints = ["轻轻一推。", "概念。", "几乎就是答案。"]', 'hints = ["轻轻一推。", "概念。"]'), True, False, True),
    (('title = "二维卷积"\n', ""), False, True, True),
    (('explanation = "你把卷积核翻转了。"\n', ""), True, True, False),
])
def test_exercise_items_fall_back_one_by_one(course, edit, title_zh, hints_zh, mistake_zh):
    course.edit("exercises/conv2d/zh.toml", *edit)
    exercise = load_catalog(course.root, lang="zh").exercise("conv2d")
    assert (exercise.title == "二维卷积") == title_zh
    assert (exercise.hints[0] == "轻轻一推。") == hints_zh
    assert exercise.fallback_en == (not (title_zh and hints_zh))
    assert (not exercise.mistakes["flipped_kernel"].fallback_en) == mistake_zh
    assert exercise.starter.name == "starter.zh.py"


@pytest.mark.parametrize("starter, message", [
    ("# 起始文件\ndef conv2d(y):\n    raise NotImplementedError\n", "code differs"),
    ("# 起始文件\ndef conv2d(x:\n", "syntax error"),
])
def test_a_starter_whose_code_differs_is_not_given(course, starter, message):
    course.write("exercises/conv2d/starter.zh.py", starter)
    zh = load_catalog(course.root, lang="zh")
    assert zh.exercise("conv2d").starter.name == "starter.py" and zh.exercise("conv2d").starter_fallback_en
    assert any(message in p for p in problems_of(zh)), problems_of(zh)


def test_starter_doctest_lines_must_match(course):
    course.write("exercises/conv2d/starter.py", '"""Conv.\n\n>>> conv2d(1)\n1\n"""\n'
                 "def conv2d(x):\n    raise NotImplementedError\n")
    course.write("exercises/conv2d/starter.zh.py", '"""卷积。\n\n>>> conv2d(1)\n2\n"""\n'
                 "def conv2d(x):\n    raise NotImplementedError\n")
    zh = load_catalog(course.root, lang="zh")
    assert zh.exercise("conv2d").starter_fallback_en
    assert any("doctest lines" in p for p in problems_of(zh))


# -- the workspace: a zh learner starts from starter.zh.py -----------------------------------------

def test_start_gives_a_zh_learner_the_chinese_starter(use_fake_content, course, monkeypatch):
    from tutor.cli import main
    from tutor.workspace import workspace_file

    monkeypatch.setenv("DLTUTOR_LANG", "zh")
    catalog_module.shipped_catalog.cache_clear()
    assert main(["start", "conv2d"]) == 0
    assert workspace_file("conv2d").read_text(encoding="utf-8").startswith("# conv2d 的起始文件")
    assert main(["start", "max_pool2d"]) == 0                       # no translation: the English one
    assert workspace_file("max_pool2d").read_text(encoding="utf-8").startswith("# starter for max_pool2d")


def test_the_english_learner_keeps_the_english_starter(use_fake_content, course):
    from tutor.workspace import ensure_workspace_file

    catalog_module.shipped_catalog.cache_clear()
    path = ensure_workspace_file(catalog_module.shipped_catalog("en").exercise("conv2d"))
    assert path.read_text(encoding="utf-8").startswith("# starter for conv2d")


# -- the cache: one per language, invalidated by a zh edit ---------------------------------------

def test_shipped_catalog_follows_the_language(use_fake_content, course, monkeypatch):
    catalog_module.shipped_catalog.cache_clear()
    assert catalog_module.shipped_catalog().lesson("basics").title == "Basics"
    monkeypatch.setenv("DLTUTOR_LANG", "zh")
    assert catalog_module.shipped_catalog().lesson("basics").title == "基础"
    assert catalog_module.shipped_catalog("en").lesson("basics").title == "Basics"


def test_cache_files_per_language_and_both_kept(use_fake_content, course, dltutor_home):
    for language in ("en", "zh", "en", "zh"):
        catalog_module.shipped_catalog.cache_clear()
        catalog_module.shipped_catalog(language)
    names = sorted(p.name.split("-")[1] for p in (dltutor_home / "cache").glob("catalog-*.json"))
    assert names == ["en", "zh"]
    catalog_module.shipped_catalog.cache_clear()
    cached_zh = catalog_module.shipped_catalog("zh")
    assert cached_zh.lang == "zh" and cached_zh.lesson("basics").title == "基础"
    assert cached_zh.exercise("conv2d").mistakes["flipped_kernel"].title == "卷积核被翻转"
    assert cached_zh.exercise("max_pool2d").fallback_en
    assert [str(p) for p in cached_zh.translation_problems] == [str(p) for p in load_catalog(course.root, lang="zh").translation_problems]


def test_the_key_depends_on_the_language(course):
    assert content_key(course.root, "zh") != content_key(course.root, "en")


@pytest.mark.parametrize("relative, old, new", [
    ("lessons/zh/01-basics.md", 'title = "基础"', 'title = "基础知识"'),
    ("exercises/conv2d/zh.toml", 'title = "二维卷积"', 'title = "二维卷积（改）"'),
])
def test_a_zh_edit_is_seen_at_once(use_fake_content, course, relative, old, new):
    catalog_module.shipped_catalog.cache_clear()
    catalog_module.shipped_catalog("zh")
    path = course.edit(relative, old, new)
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 1_000_000))
    catalog_module.shipped_catalog.cache_clear()
    fresh = catalog_module.shipped_catalog("zh")
    assert new.split('"')[1] in (fresh.lesson("basics").title, fresh.exercise("conv2d").title)


def test_a_new_translation_is_seen_at_once(use_fake_content, course):
    catalog_module.shipped_catalog.cache_clear()
    assert catalog_module.shipped_catalog("zh").exercise("max_pool2d").fallback_en
    course.write("exercises/max_pool2d/zh.toml", 'title = "最大池化"\nhints = ["一。", "二。", "三。"]\n')
    catalog_module.shipped_catalog.cache_clear()
    assert catalog_module.shipped_catalog("zh").exercise("max_pool2d").title == "最大池化"


# -- dltutor validate and the self-check list translations -----------------------------------------

def test_validate_lists_missing_translations_without_failing(course, capsys):
    from tutor.cli import main

    assert main(["validate", "--root", str(course.root)]) == 0
    out = capsys.readouterr().out
    assert f"untranslated: {course.root}/lessons/zh/05-convnets.md: missing" in out
    assert f"untranslated: {course.root}/exercises/max_pool2d/zh.toml: missing" in out
    assert "0 problems." in out
    assert "Chinese edition: 1/2 lessons, 1/1 quizzes, 1/3 exercises in Chinese; 5 missing translations." in out


def test_validate_can_require_every_translation(course, capsys):
    from tutor.cli import main

    assert main(["validate", "--root", str(course.root), "--require-translations"]) == 1
    assert "5 problems." in capsys.readouterr().out


def test_validate_fails_on_a_broken_translation(course, capsys):
    from tutor.cli import main

    course.edit("exercises/conv2d/zh.toml", 'title = "卷积核被翻转"', 'title = "权值被翻转"')
    course.edit("lessons/zh/01-basics.md", 'print("hi")', 'print("嗨")')
    assert main(["validate", "--root", str(course.root)]) == 1
    out = capsys.readouterr().out
    assert f"translation: {course.root}/lessons/zh/01-basics.md: code block 1 differs" in out
    assert f"translation: {course.root}/exercises/conv2d/zh.toml: uses '权值'" in out
    assert "2 problems." in out and "Chinese edition: 0/2 lessons" in out


def test_the_self_check_names_files_by_lesson_or_exercise(use_fake_content, course, capsys):
    from tutor.content.zh_check import main

    assert main(["basics", "conv2d"]) == 0
    assert capsys.readouterr().out == "zh parity: OK\n"
    assert main(["convnets"]) == 1
    assert capsys.readouterr().out.strip() == f"{course.root}/lessons/zh/05-convnets.md: missing: lesson 'convnets' has no Chinese text"


@pytest.mark.parametrize("text, message", [
    ("", "no title"),
    ('title = "二维卷积"\nhints = ["一。", "二。", "三。"]\n[mistakes.flipped_kernel]\ntitle = "翻转"\n'
     'explanation = "翻转了。"\nhint = "多余。"\n', "mistake flipped_kernel: unexpected hint"),
    ('title = "二维卷积"\nhints = ["一。", "二。", "三。"]\nfunctions = ["x"]\n', "unexpected key 'functions'"),
])
def test_every_slip_in_zh_toml_is_listed(course, text, message):
    course.write("exercises/conv2d/zh.toml", text)
    zh = load_catalog(course.root, lang="zh")
    assert any(message in p for p in problems_of(zh)), problems_of(zh)
