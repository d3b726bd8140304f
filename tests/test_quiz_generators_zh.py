"""Generated questions in Chinese: the same numbers, answer, verify and spec as in English for every
seed (the language only chooses the words), every sentence of the prompt and working in Chinese,
every number of the English working kept, and no word the glossary rules out."""
from __future__ import annotations

import random
import re

import pytest

from tutor import paths
from tutor.content.translations import avoided_words
from tutor.i18n import lang
from tutor.quiz.generators import GENERATORS, generate

SEEDS = range(150)
CJK = re.compile(r"[\u4e00-\u9fff]")
CHINESE_LINE = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")   # words, or a formula with Chinese punctuation
NUMBER = re.compile(r"\d+(?:\.\d+)?(?:e-?\d+)?")
ENGLISH_WORDS = re.compile(r"\b(?:the|is|are|of|and|so|has|have|What|Check|Shape|Output|Total|Answer|Width|Height|"
                           r"Layer|Forward|Channels|Each|weight has|bias adds)\b")


@pytest.fixture(autouse=True)
def no_language_from_outside(monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "DLTUTOR_LANG"):
        monkeypatch.delenv(name, raising=False)
    lang.clear_language()
    yield
    lang.clear_language()


def both(name: str, seed: int):
    return GENERATORS[name](random.Random(seed), "en"), GENERATORS[name](random.Random(seed), "zh")


def without_code(text: str, verify: str) -> str:
    """The words around the code: verify expressions and layer calls carry English identifiers."""
    text = text.replace(verify, "")
    return re.sub(r"\b(?:nn|F|torch|mha)\.?[\w.]*\([^()]*(?:\([^()]*\)[^()]*)*\)", "", text)


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_the_language_changes_only_the_words(name):
    for seed in SEEDS:
        en, zh = both(name, seed)
        assert (zh.kind, zh.answer, zh.verify, zh.spec, zh.tolerance) == (en.kind, en.answer, en.verify, en.spec, en.tolerance)
        assert zh.prompt != en.prompt and zh.explanation != en.explanation
        assert len(zh.explanation.splitlines()) == len(en.explanation.splitlines()), f"{name} seed {seed}"


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_every_chinese_sentence_is_chinese(name):
    for seed in SEEDS:
        _, zh = both(name, seed)
        assert CJK.search(zh.prompt), f"{name} seed {seed}: {zh.prompt}"
        for line in zh.explanation.splitlines():
            assert CHINESE_LINE.search(line), f"{name} seed {seed}: an English line in the Chinese working: {line}"
            leftover = ENGLISH_WORDS.findall(without_code(line, zh.verify))
            assert not leftover, f"{name} seed {seed}: English words {leftover} in: {line}"
        assert not ENGLISH_WORDS.findall(without_code(zh.prompt, zh.verify)), f"{name} seed {seed}: {zh.prompt}"
        assert zh.explanation.splitlines()[-1].endswith(f"验证：{zh.verify}")


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_the_chinese_working_keeps_every_number(name):
    for seed in SEEDS:
        en, zh = both(name, seed)
        for a, b in ((en.prompt, zh.prompt), (en.explanation, zh.explanation)):
            assert set(NUMBER.findall(b)) == set(NUMBER.findall(a)), f"{name} seed {seed}:\n{a}\n{b}"


def test_no_generated_text_uses_a_word_the_glossary_rules_out():
    avoid = avoided_words(paths.content_root())
    assert avoid
    for name in GENERATORS:
        for seed in SEEDS:
            _, zh = both(name, seed)
            found = [w for w in avoid if w in zh.prompt + zh.explanation]
            assert not found, f"{name} seed {seed}: {found}"


def test_generate_follows_the_language_in_force(monkeypatch):
    english = generate("conv_output_shape", 7)
    assert english.prompt.endswith("What is the output shape (C×H×W)?")
    monkeypatch.setenv("DLTUTOR_LANG", "zh")
    chinese = generate("conv_output_shape", 7)
    assert chinese.prompt.endswith("输出的形状（C×H×W）是什么？") and chinese.answer == english.answer
    assert generate("conv_output_shape", 7, lang="en") == english


def test_a_presented_generated_question_is_in_chinese_with_the_english_key(monkeypatch):
    from tutor.content.quizzes import Question
    from tutor.quiz.model import present

    question = Question("convnets", 0, "generated", generator="pool_output_shape",
                        raw={"kind": "generated", "generator": "pool_output_shape"})
    english = present(question, seed=3)
    monkeypatch.setenv("DLTUTOR_LANG", "zh")
    chinese = present(question, seed=3)
    assert chinese.key == english.key and chinese.answer == english.answer
    assert CJK.search(chinese.prompt) and CJK.search(chinese.explanation)
    assert chinese.check(english.answer_text).correct
