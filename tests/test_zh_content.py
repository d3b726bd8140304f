"""The shipped Chinese edition is whole and faithful: every lesson, quiz and exercise has its zh
counterpart, with the English structure (sections, code blocks byte for byte, question kinds,
choice counts, answers and keys, hint and mistake ids, starter code and doctests), and no word the
glossary rules out. CI fails here when a shipped item lacks its translation.

The structure is compared here directly, not only through tutor/content/translations.py (which
decides what a learner is shown), so a slip in that module cannot hide a broken translation.
"""
from __future__ import annotations

import ast
import doctest
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tutor import paths
from tutor.content import load_catalog
from tutor.content.frontmatter import split_front_matter
from tutor.content.translations import (
    BOX_LABELS,
    MISSING,
    avoided_words,
    doctest_lines,
    split_code,
    zh_lesson_path,
    zh_quiz_path,
    zh_starter_path,
)

ROOT = paths.content_root()
EN = load_catalog(ROOT)
ZH = load_catalog(ROOT, lang="zh")
LESSONS = [lesson.id for lesson in EN.lessons]
QUIZZES = [lesson.id for lesson in EN.lessons if lesson.quiz_path is not None]
EXERCISES = sorted(EN.exercises)


def problems_for(*paths_) -> list[str]:
    return [str(p) for p in ZH.translation_problems if p.path in paths_]


# -- lessons ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("lesson_id", LESSONS)
def test_lesson_has_its_chinese_text(lesson_id):
    english = EN.lesson(lesson_id)
    path = zh_lesson_path(english.path)
    assert path.exists(), f"{path} is missing: lesson {lesson_id!r} has no Chinese text"
    assert problems_for(path) == []
    chinese = ZH.lesson(lesson_id)
    assert (chinese.lang, chinese.fallback_en) == ("zh", False)


@pytest.mark.parametrize("lesson_id", LESSONS)
def test_lesson_structure_matches_the_english(lesson_id):
    english = EN.lesson(lesson_id)
    path = zh_lesson_path(english.path)
    if not path.exists():
        pytest.fail(f"{path} is missing")
    header_en, body_en, _ = split_front_matter(english.path, english.path.read_text(encoding="utf-8"))
    header_zh, body_zh, _ = split_front_matter(path, path.read_text(encoding="utf-8"))
    for key in ("id", "order", "exercises", "demo"):
        assert header_zh.get(key) == header_en.get(key), f"{path}: front matter {key}"
    assert header_zh.get("title") and (header_zh.get("summary") or not header_en.get("summary"))
    chinese = ZH.lesson(lesson_id)
    assert len(chinese.sections) == len(english.sections), f"{path}: sections"
    code_en, prose_en = split_code(body_en)
    code_zh, prose_zh = split_code(body_zh)
    assert code_zh == code_en, f"{path}: code blocks must be byte-identical to the English, in the same order"
    for en_label, zh_label in BOX_LABELS:
        assert prose_zh.count(zh_label) == prose_en.count(en_label), f"{path}: {zh_label}"
    assert "$" not in prose_zh


# -- quizzes ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("lesson_id", QUIZZES)
def test_quiz_has_its_chinese_text(lesson_id):
    quiz_path = EN.lesson(lesson_id).quiz_path
    path = zh_quiz_path(quiz_path)
    assert path.exists(), f"{path} is missing: the quiz of {lesson_id!r} has no Chinese text"
    assert problems_for(path) == []
    assert not any(q.fallback_en for q in ZH.quiz(ZH.lesson(lesson_id)))


@pytest.mark.parametrize("lesson_id", QUIZZES)
def test_quiz_structure_and_answers_match_the_english(lesson_id):
    quiz_path = EN.lesson(lesson_id).quiz_path
    path = zh_quiz_path(quiz_path)
    if not path.exists():
        pytest.fail(f"{path} is missing")
    raw_en = tomllib.loads(quiz_path.read_text(encoding="utf-8"))
    raw_zh = tomllib.loads(path.read_text(encoding="utf-8"))
    assert raw_zh["lesson"] == raw_en["lesson"]
    assert len(raw_zh["question"]) == len(raw_en["question"])
    for number, (a, b) in enumerate(zip(raw_en["question"], raw_zh["question"]), 1):
        assert b["kind"] == a["kind"], f"{path}: question {number}"
        assert not {"answer", "verify", "tolerance", "distractors"} & set(b), f"{path}: question {number}"
        assert b.get("generator") == a.get("generator")
        assert len(b.get("choices", [])) == len(a.get("choices", [])), f"{path}: question {number}"
    english, chinese = EN.quiz(EN.lesson(lesson_id)), ZH.quiz(ZH.lesson(lesson_id))
    assert [q.key for q in chinese] == [q.key for q in english]          # the same review cards
    assert [(q.kind, q.answer, q.verify, q.tolerance, q.generator) for q in chinese] == \
           [(q.kind, q.answer, q.verify, q.tolerance, q.generator) for q in english]


# -- exercises -------------------------------------------------------------------------------------

@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_exercise_has_its_chinese_text(exercise_id):
    folder = EN.exercise(exercise_id).folder
    for path in (folder / "zh.toml", zh_starter_path(folder)):
        assert path.exists(), f"{path} is missing"
    assert problems_for(folder / "zh.toml", zh_starter_path(folder)) == []
    chinese = ZH.exercise(exercise_id)
    assert not chinese.fallback_en and not chinese.starter_fallback_en
    assert not any(m.fallback_en for m in chinese.mistakes.values())
    assert not any(n.fallback_en for n in chinese.notes.values())
    assert chinese.starter == zh_starter_path(folder)


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_exercise_overlay_matches_the_english(exercise_id):
    english = EN.exercise(exercise_id)
    path = english.folder / "zh.toml"
    if not path.exists():
        pytest.fail(f"{path} is missing")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert set(data) <= {"title", "hints", "mistakes", "notes", "checks", "messages"}   # the last two: tests/test_check_phrases.py
    assert len(data["hints"]) == len(english.hints)
    assert set(data.get("mistakes", {})) == set(english.mistakes)
    for mistake_id, mistake in english.mistakes.items():
        entry = data["mistakes"][mistake_id]
        assert set(entry) == {"title", "explanation"} | ({"hint"} if mistake.hint else set()), mistake_id
    assert set(data.get("notes", {})) == set(english.notes)
    for note_id in english.notes:
        assert set(data["notes"][note_id]) == {"title", "explanation"}, note_id


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_chinese_starter_has_the_english_code_and_doctests(exercise_id):
    english = EN.exercise(exercise_id)
    path = zh_starter_path(english.folder)
    if not path.exists():
        pytest.fail(f"{path} is missing")
    a, b = english.folder.joinpath("starter.py").read_text(encoding="utf-8"), path.read_text(encoding="utf-8")
    assert doctest_lines(b) == doctest_lines(a)
    assert _code(ast.parse(b)) == _code(ast.parse(a)), f"{path}: only docstrings and comments may differ"
    assert _examples(b) == _examples(a)


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_chinese_starter_doctests_are_the_ones_checked_against_the_solution(exercise_id):
    """The zh starter's worked examples are, line for line, the examples that
    test_content_truth.py::test_worked_example_is_what_the_solution_returns runs against the model
    solution (and test_worked_example_separates_every_named_mistake against every mistake): the same
    lines, read by that test's own reader, so running them again here would prove nothing more."""
    from test_content_truth import worked_examples

    english = EN.exercise(exercise_id)
    path = zh_starter_path(english.folder)
    if not path.exists():
        pytest.fail(f"{path} is missing")
    chinese = _examples(path.read_text(encoding="utf-8"))
    assert chinese == [(e.source, e.want) for e in worked_examples(english)], \
        f"{path}: its doctests are not the English ones the truth test runs"
    assert any(want.strip() for _, want in chinese), f"{path}: no worked example (>>> with a value under it)"


def _code(node: ast.AST) -> str:
    """The module's code without its docstrings (comments are gone already: ast drops them)."""
    for inner in ast.walk(node):
        body = getattr(inner, "body", None)
        if (isinstance(body, list) and body and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str)):
            body[0] = ast.Pass()
    return ast.dump(node)


def _examples(source: str) -> list[tuple[str, str]]:
    module = ast.parse(source)
    docs = [ast.get_docstring(module) or ""]
    docs += [ast.get_docstring(n) or "" for n in module.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
    return [(e.source, e.want) for doc in docs for e in doctest.DocTestParser().get_examples(doc)]


# -- the glossary and the whole ------------------------------------------------------------------

def test_the_glossary_rules_words_out():
    avoid = avoided_words(ROOT)
    assert len(avoid) >= 10 and "权值" in avoid and "代价函数" in avoid


def test_no_translation_uses_a_word_the_glossary_rules_out():
    assert [str(p) for p in ZH.translation_problems if p.kind == "glossary"] == []


def test_no_translation_is_broken():
    assert [str(p) for p in ZH.translation_problems if p.kind != MISSING] == []


def test_validate_requires_every_translation():
    result = subprocess.run([sys.executable, "-m", "tutor", "validate", "--require-translations", "--root", str(ROOT)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    assert "0 problems." in result.stdout and "0 missing translations." in result.stdout


# -- hints stay prose in Chinese too ---------------------------------------------------------------
ASCII_PUNCTUATION = str.maketrans({"，": ", ", "。": ". ", "：": ": ", "；": "; ", "！": "! ", "？": "? ",
                                   "（": " (", "）": ") ", "、": ", "})


def as_words(hint: str) -> str:
    """Chinese written the way the English rule reads prose: ASCII punctuation, and a space around
    each character (Chinese has no spaces, and a run of characters is a valid Python identifier:
    '再调用 .mean()' would read as a method call where '… and call .mean()' does not)."""
    return re.sub(r"([\u3400-\u9fff])", r" \1 ", hint.translate(ASCII_PUNCTUATION))


def test_the_chinese_prose_rule_still_catches_code():
    from test_content_truth import code_in

    assert code_in(as_words("先算 m = x.amax(dim=1, keepdim=True)，再相除。"), set())
    assert code_in(as_words("这样写：return weights @ v"), set())
    assert not code_in(as_words("求差，平方，再调用不带维度参数的 .mean()。"), set())


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_chinese_hints_are_prose_not_code(exercise_id):
    from test_content_truth import code_in  # the English rule, applied to the Chinese sentences

    exercise = ZH.exercise(exercise_id)
    if exercise.fallback_en:
        pytest.fail(f"{exercise_id}: no Chinese hints")
    hints = list(exercise.hints) + [m.hint for m in exercise.mistakes.values() if m.hint]
    offending = {hint[:40]: code_in(as_words(hint), set(exercise.functions)) for hint in hints}
    assert not {k: v for k, v in offending.items() if v}, offending


# -- a 原文说 box quotes the article itself ---------------------------------------------------------
CHECKOUT = Path(__file__).resolve().parent.parent
SEEDS = [folder / "shared" / "seed" for folder in (CHECKOUT.parent, CHECKOUT.parent.parent)]
SEED = next((path for folder in SEEDS if folder.is_dir() for path in sorted(folder.glob("*.txt"))), None)


def chinese_only(text: str) -> str:
    """The Chinese characters alone: the article writes formulas in LaTeX ($\\theta$), the lessons in
    Unicode (θ), so only the words can be compared."""
    return "".join(re.findall(r"[\u3400-\u9fff]", text))


@pytest.mark.skipif(SEED is None, reason="the article (../shared/seed/) is not beside this checkout")
@pytest.mark.parametrize("lesson_id", LESSONS)
def test_article_says_boxes_quote_the_original_sentences(lesson_id):
    path = zh_lesson_path(EN.lesson(lesson_id).path)
    if not path.exists():
        pytest.fail(f"{path} is missing")
    article = chinese_only(SEED.read_text(encoding="utf-8"))
    misquoted = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.lstrip("> ").startswith("**原文说：**"):
            continue
        for quote in re.findall(r"「(.*?)」", line):
            for part in re.split(r"…+", quote):          # …… marks a cut in the quotation
                words = chinese_only(part)
                if len(words) >= 4 and words not in article:
                    misquoted.append(part)
    assert not misquoted, f"{path}: quoted in 「」 but not in the article: {misquoted}"
