"""The message catalogue: extracted from the code, fully translated, compiled, and looked up live.

Extraction and compilation run here (babel), so a string added to the code without a zh entry,
a .po edited without recompiling, or a translation that drops a `{placeholder}` fails the suite.
"""
from __future__ import annotations

import ast
import gettext
import io
import re
from pathlib import Path

import pytest

babel = pytest.importorskip("babel")
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir  # noqa: E402
from babel.messages.mofile import write_mo  # noqa: E402
from babel.messages.pofile import read_po  # noqa: E402

from tutor.i18n import catalog as i18n  # noqa: E402
from tutor.i18n.catalog import _, ngettext, record_missing  # noqa: E402

PACKAGE = Path(i18n.__file__).resolve().parent.parent
PO = PACKAGE / "locale" / "zh" / "LC_MESSAGES" / "dltutor.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_", "N_", "ngettext", "gettext_"}
PLACEHOLDER = re.compile(r"(?<!\{)\{(\w*)(![rsa])?(?::[^{}]*)?\}(?!\})")
MARKUP = re.compile(r"\[/?[a-z ]*\]")


def po_catalog():
    with PO.open("rb") as handle:
        return read_po(handle, locale="zh")


def extracted_msgids() -> dict[str, str]:
    """msgid -> where it was found, for every string marked in tutor/ (as `pybabel extract` sees it)."""
    found = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
            str(PACKAGE), method_map=[("**.py", "python")], keywords=DEFAULT_KEYWORDS):
        msgid = message[0] if isinstance(message, tuple) else message
        if msgid:
            found[msgid] = f"tutor/{filename}:{lineno}"
    return found


def test_every_marked_string_has_a_zh_translation():
    translated = {m.id[0] if isinstance(m.id, tuple) else m.id for m in po_catalog()
                  if m.id and (all(m.string) if isinstance(m.string, tuple) else m.string)}
    missing = {msgid: where for msgid, where in extracted_msgids().items() if msgid not in translated}
    assert not missing, "no zh translation (run the commands in babel.cfg):\n" + "\n".join(
        f"  {where}: {msgid!r}" for msgid, where in sorted(missing.items(), key=lambda kv: kv[1]))


def test_the_catalogue_holds_no_entry_the_code_no_longer_uses():
    used = set(extracted_msgids())
    stale = [m.id for m in po_catalog() if m.id and (m.id[0] if isinstance(m.id, tuple) else m.id) not in used]
    assert not stale, f"obsolete entries in {PO.name}: {stale}"


def test_the_shipped_mo_is_the_po_compiled():
    compiled = io.BytesIO()
    write_mo(compiled, po_catalog())
    compiled.seek(0)
    fresh = gettext.GNUTranslations(compiled)
    with MO.open("rb") as handle:
        shipped = gettext.GNUTranslations(handle)
    fresh_entries = {k: v for k, v in fresh._catalog.items() if k != ""}
    shipped_entries = {k: v for k, v in shipped._catalog.items() if k != ""}
    assert shipped_entries == fresh_entries, "the .mo is stale: recompile the .po (see babel.cfg)"
    assert len(shipped_entries) >= 200


def _fields(text: str) -> list[str]:
    return sorted(f"{name}{conversion or ''}" for name, conversion in PLACEHOLDER.findall(text))


def test_translations_keep_every_placeholder_and_markup_tag():
    wrong = []
    for message in po_catalog():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for string in strings:
            source = ids[-1] if len(ids) > 1 else ids[0]
            if _fields(string) != _fields(source) or MARKUP.findall(string) != MARKUP.findall(source):
                wrong.append((source, string))
    assert not wrong, wrong


def test_the_placeholder_check_can_fail():
    assert _fields("{count} of {total!r}") == ["count", "total!r"]
    assert _fields("{count} 个") != _fields("{count} of {total}")
    assert _fields("{{literal}} {x:.2f}") == ["x"]


def test_marked_strings_are_literals_so_extraction_sees_them():
    """`_(f"...")` or `_(name)` of a variable would be looked up but never extracted."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("N_", "ngettext"):
                arguments = node.args[:2] if node.func.id == "ngettext" else node.args[:1]
                if not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in arguments):
                    offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_" and node.args:
                if isinstance(node.args[0], ast.JoinedStr):
                    offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert not offenders, offenders


# -- looking up ----------------------------------------------------------------------------------

def test_english_is_the_msgid_itself(en):
    with record_missing() as missing:
        assert _("Correct.") == "Correct."
        assert ngettext("{count} question", "{count} questions", 2) == "{count} questions"
    assert not missing


def test_zh_looks_up_the_catalogue_at_call_time(zh, monkeypatch):
    assert _("Correct.") == "正确。"
    assert ngettext("{count} question", "{count} questions", 3).format(count=3) == "3 道题"
    monkeypatch.setenv("DLTUTOR_LANG", "en")       # switching needs no re-import
    assert _("Correct.") == "Correct."


def test_a_missing_translation_falls_back_to_english_and_is_recorded(zh):
    with record_missing() as missing:
        assert _("a string nobody translated") == "a string nobody translated"
        assert ngettext("one thing untranslated", "{n} things untranslated", 2) == "{n} things untranslated"
        assert _("Correct.") == "正确。"
    assert missing == {("zh", "a string nobody translated"), ("zh", "one thing untranslated")}


def test_the_verdict_word_keeps_pass_and_fail_in_every_language(zh):
    """Scripts and the tmux tests look for PASS/FAIL: the zh verdict carries them too."""
    from tutor.report import VERDICT_WORDS

    for status, word in VERDICT_WORDS.items():
        assert ("PASS" if status == "pass" else "FAIL") in _(word)
        assert _(word) != word


def _own_scope(function: ast.AST):
    """The nodes of a function's own scope (nested functions, lambdas and comprehensions have theirs)."""
    stack = list(ast.iter_child_nodes(function))
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.ListComp,
                                 ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            stack.extend(ast.iter_child_nodes(node))


def test_no_function_both_binds_the_name_underscore_and_calls_it():
    """`a, _, b = ...` in a function makes `_` local there: a `_("...")` in the same function would
    raise UnboundLocalError at run time, on exactly the (error) path nobody tried."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            nodes = list(_own_scope(function))
            binds = any(isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store) for n in nodes)
            calls = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "_" for n in nodes)
            if binds and calls:
                offenders.append(f"{path.relative_to(PACKAGE)}:{function.lineno} {function.name}")
    assert not offenders, offenders
