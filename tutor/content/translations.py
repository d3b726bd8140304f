"""The Chinese edition laid over the English one, item by item, with its parity checks.

The English files are the course; a translation only replaces words a learner reads:
  lessons/zh/NN-slug.md          the same front matter ids, `## ` sections and code blocks
  lessons/zh/NN-slug.quiz.toml   the same questions in the same order: kind, prompt, choices, explanation
  exercises/<id>/zh.toml         title, hints, [mistakes.<id>] title / explanation / hint, [notes.<id>] title /
                                 explanation
  exercises/<id>/starter.zh.py   starter.py with its docstrings and comments translated
Answers, verify expressions, ids and code always come from the English files, so a translation
can never change what is right. Each overlay here returns the item to show and the problems it
found; an item whose translation is missing or breaks parity is shown in English and marked
`fallback_en` (the front ends print “(English)” next to it). `dltutor validate` and
tests/test_zh_content.py list the same problems, from these same functions.
"""
from __future__ import annotations

import ast
import dataclasses
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tutor.content.check_phrases import TABLES, placeholders
from tutor.content.errors import ContentError
from tutor.content.frontmatter import split_front_matter

ZH = "zh"
MISSING, BROKEN, GLOSSARY = "missing", "broken", "glossary"
BOX_LABELS = (("**Common confusion:**", "**常见误区：**"), ("**The article says:**", "**原文说：**"),
              ("**Actually:**", "**实际上：**"))
DIFFERENTIATED_ZH = "你的函数会被求导"
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class TranslationProblem:
    path: Path
    kind: str            # MISSING | BROKEN (shown in English instead, or a format slip) | GLOSSARY
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def _problem(path: Path, kind: str, message: str) -> TranslationProblem:
    return TranslationProblem(Path(path), kind, message)


# -- where the translations live ------------------------------------------------------------------

def zh_lesson_path(lesson_path: Path) -> Path:
    return lesson_path.parent / ZH / lesson_path.name


def zh_quiz_path(quiz_path: Path) -> Path:
    return quiz_path.parent / ZH / quiz_path.name


def zh_exercise_path(folder: Path) -> Path:
    return folder / "zh.toml"


def zh_starter_path(folder: Path) -> Path:
    return folder / "starter.zh.py"


# -- the glossary ---------------------------------------------------------------------------------

def glossary_file(root: Path) -> Path:
    return root / "lessons" / ZH / "GLOSSARY.md"


def avoided_words(root: Path) -> tuple[str, ...]:
    """The glossary table's "avoid" column (cells like `权值` or `代价函数 / 成本函数`)."""
    path = glossary_file(root)
    try:
        stat = path.stat()
    except OSError:
        return ()
    return _avoided(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _avoided(path: str, _mtime: int, _size: int) -> tuple[str, ...]:
    words: list[str] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip().startswith("|"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[2] or cells[2] == "avoid" or set(cells[2]) <= set("-: "):
            continue
        words += [w.strip() for w in cells[2].split("/") if w.strip()]
    return tuple(dict.fromkeys(words))


def glossary_problems(path: Path, text: str, avoid: tuple[str, ...]) -> list[TranslationProblem]:
    return [_problem(path, GLOSSARY, f"uses {word!r}, which the glossary says to avoid (lessons/zh/GLOSSARY.md)")
            for word in avoid if word in text]


# -- lessons --------------------------------------------------------------------------------------

def split_code(body: str) -> tuple[list[str], str]:
    """(every fenced code block, fences included, in order; the prose with the blocks taken out)."""
    from tutor.content.lessons import _fence_change

    blocks: list[str] = []
    prose: list[str] = []
    current: list[str] = []
    fence: str | None = None
    for line in body.splitlines():
        was_open = fence is not None
        fence, is_fence = _fence_change(line, fence)
        if was_open or is_fence:
            current.append(line)
            if was_open and fence is None:
                blocks.append("\n".join(current))
                current = []
        else:
            prose.append(line)
    return blocks, "\n".join(prose)


def lesson_overlay(english, avoid: tuple[str, ...] = ()):
    """(the zh Lesson, or the English one marked fallback_en; the problems found)."""
    from tutor.content.lessons import load_lesson

    path = zh_lesson_path(english.path)
    fallback = dataclasses.replace(english, fallback_en=True)
    if not path.exists():
        return fallback, [_problem(path, MISSING, f"missing: lesson {english.id!r} has no Chinese text")]
    try:
        zh = load_lesson(path)
    except ContentError as exc:
        return fallback, [_problem(path, BROKEN, f"{exc.message}" + (f" (line {exc.line})" if exc.line else ""))]
    problems = lesson_parity(english.path, path)
    for key in ("id", "order", "exercises", "demo"):
        if getattr(zh, key) != getattr(english, key):
            problems.append(_problem(path, BROKEN, f"front matter {key} = {getattr(zh, key)!r}, the English has "
                                                   f"{getattr(english, key)!r}"))
    if len(zh.sections) != len(english.sections):
        problems.append(_problem(path, BROKEN, f"{len(zh.sections)} sections, the English has {len(english.sections)} "
                                               "(reading positions are kept by section number)"))
    blocking = [p for p in problems if p.kind != GLOSSARY]
    problems += glossary_problems(path, split_code(path.read_text(encoding="utf-8"))[1], avoid)
    if blocking:
        return fallback, problems
    return dataclasses.replace(zh, lang=ZH, quiz_path=english.quiz_path, exercises_line=english.exercises_line), problems


def lesson_parity(english_path: Path, zh_path: Path) -> list[TranslationProblem]:
    """Code blocks byte for byte, box labels, no LaTeX, Chinese prose (sections: see lesson_overlay)."""
    english = split_front_matter(english_path, english_path.read_text(encoding="utf-8"))[1]
    header, chinese = split_front_matter(zh_path, zh_path.read_text(encoding="utf-8"))[:2]
    problems = []
    if header.get("summary") and not _CJK.search(str(header["summary"])):
        problems.append(_problem(zh_path, BROKEN, "front matter summary is not in Chinese"))
    code_en, prose_en = split_code(english)
    code_zh, prose_zh = split_code(chinese)
    if len(code_en) != len(code_zh):
        problems.append(_problem(zh_path, BROKEN, f"{len(code_zh)} code blocks, the English has {len(code_en)}"))
    for number, (a, b) in enumerate(zip(code_en, code_zh), 1):
        if a != b:
            problems.append(_problem(zh_path, BROKEN, f"code block {number} differs from the English one "
                                                      "(code blocks are copied byte for byte)"))
    for en_label, zh_label in BOX_LABELS:
        if prose_en.count(en_label) != prose_zh.count(zh_label):
            problems.append(_problem(zh_path, BROKEN, f"{prose_zh.count(zh_label)} × {zh_label}, the English has "
                                                      f"{prose_en.count(en_label)} × {en_label}"))
    if "$" in prose_zh:
        problems.append(_problem(zh_path, BROKEN, "'$' outside code: formulas are Unicode, as in the English"))
    if not _CJK.search(prose_zh):
        problems.append(_problem(zh_path, BROKEN, "no Chinese text"))
    return problems


# -- quizzes --------------------------------------------------------------------------------------

_QUIZ_TEXT = ("prompt", "choices", "explanation")
_ENGLISH_ONLY = ("answer", "verify", "tolerance", "distractors")


def quiz_overlay(quiz_path: Path, questions: list, avoid: tuple[str, ...] = ()):
    """(the questions with their zh text, each untranslated one marked fallback_en; the problems).

    Questions are matched by position; answers, verify and the review-card key stay English."""
    path = zh_quiz_path(quiz_path)
    english = [dataclasses.replace(q, fallback_en=q.kind != "generated") for q in questions]
    if not path.exists():
        return english, [_problem(path, MISSING, "missing: the quiz has no Chinese text")]
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return english, [_problem(path, BROKEN, f"not valid TOML: {exc}")]
    raws = data.get("question", [])
    lesson = questions[0].lesson if questions else None
    if data.get("lesson") != lesson:
        return english, [_problem(path, BROKEN, f"lesson = {data.get('lesson')!r}, the English quiz is for {lesson!r}")]
    if not isinstance(raws, list) or len(raws) != len(questions):
        count = len(raws) if isinstance(raws, list) else 0
        return english, [_problem(path, BROKEN, f"{count} questions, the English has {len(questions)} "
                                                "(they are matched by position)")]
    shown, problems = [], []
    for question, raw in zip(questions, raws):
        zh, found = _question_overlay(path, question, raw)
        problems += found
        if zh is not None:
            problems += glossary_problems(path, " ".join([zh.prompt, zh.explanation, *zh.choices]), avoid)
        shown.append(zh if zh is not None else dataclasses.replace(question, fallback_en=question.kind != "generated"))
    return shown, problems


def _question_overlay(path: Path, question, raw):
    """(the zh Question, or None to keep the English; problems)."""
    where = f"question {question.index + 1}"

    def broken(message: str):
        return None, [_problem(path, BROKEN, f"{where}: {message}")]

    if not isinstance(raw, dict):
        return broken("must be a table of fields")
    if raw.get("kind") != question.kind:
        return broken(f"kind {raw.get('kind')!r}, the English has {question.kind!r}")
    extra = [_problem(path, BROKEN, f"{where}: '{key}' must not be repeated (it comes from the English file)")
             for key in _ENGLISH_ONLY if key in raw]
    if question.kind == "generated":
        if raw.get("generator") != question.generator:
            extra.append(_problem(path, BROKEN, f"{where}: generator {raw.get('generator')!r}, the English has "
                                                f"{question.generator!r}"))
        return question, extra                     # its text is generated in the learner's language
    for key in ("prompt", "explanation"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            return broken(f"no {key}")
    choices = raw.get("choices", [])
    if not isinstance(choices, list) or not all(isinstance(c, str) and c.strip() for c in choices):
        return broken("'choices' must be a list of non-empty strings")
    if len(choices) != len(question.choices):
        return broken(f"{len(choices)} choices, the English has {len(question.choices)} (the answer is an index)")
    return dataclasses.replace(question, prompt=raw["prompt"].strip(), choices=tuple(c.strip() for c in choices),
                               explanation=raw["explanation"].strip(), fallback_en=False), extra


# -- exercises ------------------------------------------------------------------------------------

def exercise_overlay(exercise, avoid: tuple[str, ...] = ()):
    """(the Exercise with its zh title, hints, mistakes and starter where they are whole; problems).

    Per item: the title, the hints (all or none: they are progressive), each mistake, the starter."""
    path = zh_exercise_path(exercise.folder)
    problems: list[TranslationProblem] = []
    data: dict = {}
    readable = False          # a zh.toml that parses: from here on every lack is a problem to list
    if not path.exists():
        problems.append(_problem(path, MISSING, f"missing: exercise {exercise.id!r} has no Chinese title, hints "
                                                "or mistakes"))
    else:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            readable = True
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            problems.append(_problem(path, BROKEN, f"not valid TOML: {exc}"))
        else:
            problems += glossary_problems(path, path.read_text(encoding="utf-8"), avoid)
    for key in data:
        if key not in ("title", "hints", "mistakes", "notes", *TABLES):
            problems.append(_problem(path, BROKEN, f"unexpected key {key!r} (only title, hints, mistakes, notes, "
                                                   "checks and messages)"))
    problems += phrase_table_problems(path, data)

    title = data.get("title")
    title_ok = isinstance(title, str) and bool(title.strip())
    if readable and not title_ok:
        problems.append(_problem(path, BROKEN, "no title"))
    hints = data.get("hints")
    hints_ok = (isinstance(hints, list) and len(hints) == len(exercise.hints)
                and all(isinstance(h, str) and h.strip() for h in hints))
    if readable and not hints_ok:
        count = len(hints) if isinstance(hints, list) else 0
        problems.append(_problem(path, BROKEN, f"{count} hints, the English has {len(exercise.hints)} "
                                               "(same count and order, each a non-empty string)"))
    raw_mistakes = data.get("mistakes", {})
    if not isinstance(raw_mistakes, dict):
        problems.append(_problem(path, BROKEN, "'mistakes' must be [mistakes.<id>] tables"))
        raw_mistakes = {}
    extra = sorted(set(raw_mistakes) - set(exercise.mistakes))
    if extra:
        problems.append(_problem(path, BROKEN, f"mistakes the English does not have: {', '.join(extra)}"))
    mistakes = {}
    for mistake_id, mistake in exercise.mistakes.items():
        found = raw_mistakes.get(mistake_id)
        entry: dict = found if isinstance(found, dict) else {}
        needed = ["title", "explanation"] + (["hint"] if mistake.hint else [])
        lacking = ([] if isinstance(found, dict) else needed) or [
            key for key in needed if not isinstance(entry.get(key), str) or not entry[key].strip()]
        if isinstance(found, dict) and set(entry) - set(needed):
            problems.append(_problem(path, BROKEN, f"mistake {mistake_id}: unexpected "
                                                   f"{', '.join(sorted(set(entry) - set(needed)))} (the English has "
                                                   f"{', '.join(needed)})"))
        if lacking:
            if readable:
                problems.append(_problem(path, BROKEN, f"mistake {mistake_id}: no {', '.join(lacking)}"))
            mistakes[mistake_id] = dataclasses.replace(mistake, fallback_en=True)
        else:
            mistakes[mistake_id] = dataclasses.replace(
                mistake, title=entry["title"].strip(), explanation=entry["explanation"].strip(),
                hint=entry["hint"].strip() if mistake.hint else None, fallback_en=False)
    notes, note_problems = _notes_overlay(path, exercise, data.get("notes", {}), readable)
    problems += note_problems
    starter_ok, starter_problems = starter_parity(exercise.folder, differentiable=exercise.differentiable)
    problems += starter_problems
    return dataclasses.replace(
        exercise, lang=ZH,
        title=title.strip() if title_ok and title else exercise.title,
        hints=tuple(h.strip() for h in hints) if hints_ok and hints else exercise.hints,
        mistakes=mistakes, notes=notes, fallback_en=not (title_ok and hints_ok), starter_fallback_en=not starter_ok,
    ), problems


def _notes_overlay(path: Path, exercise, raw, readable: bool):
    """(each [notes.<id>] of the English in Chinese, or English marked fallback_en; problems), as mistakes."""
    if not isinstance(raw, dict):
        return ({i: dataclasses.replace(n, fallback_en=True) for i, n in exercise.notes.items()},
                [_problem(path, BROKEN, "'notes' must be [notes.<id>] tables")])
    problems = []
    extra = sorted(set(raw) - set(exercise.notes))
    if extra:
        problems.append(_problem(path, BROKEN, f"notes the English does not have: {', '.join(extra)}"))
    notes = {}
    needed = ("title", "explanation")
    for note_id, note in exercise.notes.items():
        found = raw.get(note_id)
        entry: dict = found if isinstance(found, dict) else {}
        if set(entry) - set(needed):
            problems.append(_problem(path, BROKEN, f"note {note_id}: unexpected {', '.join(sorted(set(entry) - set(needed)))}"
                                                   " (the English has title, explanation)"))
        lacking = [key for key in needed if not isinstance(entry.get(key), str) or not entry[key].strip()]
        if lacking:
            if readable:
                problems.append(_problem(path, BROKEN, f"note {note_id}: no {', '.join(lacking)}"))
            notes[note_id] = dataclasses.replace(note, fallback_en=True)
        else:
            notes[note_id] = dataclasses.replace(note, title=entry["title"].strip(),
                                                 explanation=entry["explanation"].strip(), fallback_en=False)
    return notes, problems


def phrase_table_problems(path: Path, data: dict) -> list[TranslationProblem]:
    """[checks] and [messages] (tutor/content/check_phrases.py): tables of English -> non-empty
    Chinese, a message keeping its template's {placeholders}. Whether every English name and
    sentence has its entry needs checks.py, hence the grader: see `check_phrase_problems`."""
    problems: list[TranslationProblem] = []
    for table in TABLES:
        raw = data.get(table, {})
        if not isinstance(raw, dict):
            problems.append(_problem(path, BROKEN, f"'{table}' must be a table of \"English\" = \"中文\""))
            continue
        for english, chinese in raw.items():
            if not isinstance(chinese, str) or not chinese.strip():
                problems.append(_problem(path, BROKEN, f"{table}: {english!r} has no Chinese text"))
            elif table == "messages" and placeholders(chinese) != placeholders(english):
                problems.append(_problem(path, BROKEN, f"messages: {english!r} uses "
                                                       f"{sorted(placeholders(english))}, the Chinese "
                                                       f"{sorted(placeholders(chinese))}"))
    return problems


def check_phrase_problems(folder: Path, names: list[str], templates: list[str]) -> list[TranslationProblem]:
    """Every check name and every `say(...)` template of checks.py translated in zh.toml, and
    nothing translated that checks.py no longer has. `names` and `templates` come from the grader
    (tutor.grading.exercise_files.check_phrases), which imports checks.py."""
    path = zh_exercise_path(folder)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        data = {}
    problems: list[TranslationProblem] = []
    for table, english in (("checks", names), ("messages", templates)):
        raw = data.get(table)
        have = raw if isinstance(raw, dict) else {}
        lacking = [e for e in dict.fromkeys(english) if e not in have]
        if lacking:
            problems.append(_problem(path, MISSING, f"[{table}] lacks {len(lacking)}: "
                                                    + "; ".join(repr(e) for e in lacking)))
        stale = [e for e in have if e not in english]
        if stale:
            problems.append(_problem(path, BROKEN, f"[{table}] has entries checks.py no longer uses: "
                                                   + "; ".join(repr(e) for e in stale)))
    return problems


def _without_docstrings(tree: ast.AST) -> str:
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(body, list) and body and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str)):
            body[0] = ast.Pass()
    return ast.dump(tree)


def doctest_lines(text: str) -> list[str]:
    """Every `>>>` / `...` line and the expected output under it, stripped of indentation."""
    out, keep = [], False
    for line in text.splitlines():
        s = line.strip()
        if s.startswith((">>>", "...")):
            out.append(s)
            keep = True
        elif keep and s and not s.startswith(('"""', "'''")):
            out.append(s)
        else:
            keep = False
    return out


def starter_parity(folder: Path, differentiable: bool = False) -> tuple[bool, list[TranslationProblem]]:
    """(whether a learner may be given starter.zh.py: starter.py with only docstrings and comments
    changed; the problems found, some of which only ask for a better translation)."""
    path = zh_starter_path(folder)
    if not path.exists():
        return False, [_problem(path, MISSING, "missing: the learner gets the English starter")]
    english = (folder / "starter.py").read_text(encoding="utf-8")
    try:
        chinese = path.read_text(encoding="utf-8")
        same_code = _without_docstrings(ast.parse(english)) == _without_docstrings(ast.parse(chinese))
    except UnicodeDecodeError as exc:
        return False, [_problem(path, BROKEN, f"not UTF-8 text ({exc.reason})")]
    except SyntaxError as exc:
        return False, [_problem(path, BROKEN, f"syntax error: {exc.msg} (line {exc.lineno})")]
    problems = []
    if not same_code:
        problems.append(_problem(path, BROKEN, "code differs from starter.py (only docstrings and comments change)"))
    if doctest_lines(english) != doctest_lines(chinese):
        problems.append(_problem(path, BROKEN, "doctest lines (>>> and the output under them) differ from starter.py"))
    usable = not problems
    if differentiable and DIFFERENTIATED_ZH not in chinese:
        problems.append(_problem(path, BROKEN, f"lacks the sentence '{DIFFERENTIATED_ZH}：全程留在 torch 中，"
                                               "不要在中途调用 .item()、.numpy() 或 .detach()'"))
    if not _CJK.search(chinese):
        problems.append(_problem(path, BROKEN, "no Chinese text"))
    return usable, problems


# -- the whole course -----------------------------------------------------------------------------

def translation_problems(root: Path) -> list[TranslationProblem]:
    """Every missing or broken translation of the course under `root`, lessons, then quizzes, then exercises."""
    from tutor.content.catalog import load_catalog

    return load_catalog(root, lang=ZH).translation_problems

