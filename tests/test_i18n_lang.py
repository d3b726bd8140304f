"""Which language is in force: --lang > $DLTUTOR_LANG > settings.toml > the locale, and the CLI's --lang."""
from __future__ import annotations

import subprocess
import sys
import tomllib

import pytest

from tutor.cli import main, take_language
from tutor.i18n import lang

LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "DLTUTOR_LANG")


@pytest.fixture(autouse=True)
def clean_language(monkeypatch):
    """No language from the machine running the tests, and no --lang left over from a test."""
    for name in LOCALE_VARS:
        monkeypatch.delenv(name, raising=False)
    lang.clear_language()
    yield
    lang.clear_language()


def settings(dltutor_home):
    return dltutor_home / "settings.toml"


# -- the locale ---------------------------------------------------------------------------------

@pytest.mark.parametrize("env, expected", [
    ({}, "en"),
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "zh_TW.UTF-8"}, "zh"),
    ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "fr_FR.UTF-8"}, "en"),                              # a language we lack: English
    ({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),     # LC_ALL decides
    ({"LC_ALL": "fr_FR.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),     # ... even when we lack its language
    ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
    ({"LANG": "en_US.UTF-8", "LANGUAGE": "zh_CN:en"}, "zh"),      # gettext's priority list
    ({"LANG": "C", "LANGUAGE": "zh_CN"}, "en"),                   # ... which the C locale ignores
    ({"LANG": "de_DE.UTF-8", "LANGUAGE": "de:zh_CN"}, "zh"),
])
def test_the_locale_sets_the_default(monkeypatch, env, expected):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert lang.current_language() == expected


# -- the order: --lang > DLTUTOR_LANG > settings.toml > locale -----------------------------------

def test_precedence_from_locale_up_to_the_command_line(monkeypatch, dltutor_home):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert lang.current_language() == "zh"
    settings(dltutor_home).write_text('lang = "en"\n', encoding="utf-8")
    assert lang.current_language() == "en"               # the saved setting beats the locale
    monkeypatch.setenv("DLTUTOR_LANG", "zh")
    assert lang.current_language() == "zh"               # the environment beats the setting
    lang.set_language("en")
    assert lang.current_language() == "en"               # --lang beats everything
    lang.clear_language()
    monkeypatch.setenv("DLTUTOR_LANG", "klingon")        # not a language: ignored, the setting holds
    assert lang.current_language() == "en"


def test_set_language_reaches_child_processes(monkeypatch):
    monkeypatch.setenv("DLTUTOR_LANG", "en")             # restored after the test
    lang.set_language("zh")
    child = subprocess.run([sys.executable, "-c", "from tutor.i18n import current_language as c; print(c())"],
                           capture_output=True, text=True, timeout=60, check=True)
    assert child.stdout.strip() == "zh"


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="choose one of en, zh"):
        lang.set_language("fr")
    assert lang.current_language() == "en"


@pytest.mark.parametrize("value, expected", [
    ("zh", "zh"), ("zh_CN.UTF-8", "zh"), ("zh-Hans", "zh"), ("ZH_cn.utf8", "zh"), ("en", "en"),
    ("en_US.UTF-8", "en"), ("C", "en"), ("POSIX", "en"), ("fr", None), ("", None), (None, None),
    ("zh_CN.UTF-8@pinyin", "zh"),
])
def test_normalise(value, expected):
    assert lang.normalise(value) == expected


# -- the saved setting ---------------------------------------------------------------------------

@pytest.mark.parametrize("content", [
    b'lang = "zh',                 # unclosed string
    b"lang = zh\n",                # not TOML
    b"\xff\xfe\x00garbage",        # not UTF-8
    b"lang = 3\n",                 # not a string
    b'lang = "fr"\n',              # a language we lack
    b"",
])
def test_a_corrupt_or_useless_setting_is_ignored(monkeypatch, dltutor_home, content):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    settings(dltutor_home).write_bytes(content)
    assert lang.saved_language() is None
    assert lang.current_language() == "zh"               # the locale decides, no crash


def test_a_folder_in_place_of_the_setting_is_ignored(dltutor_home):
    settings(dltutor_home).mkdir()
    assert lang.current_language() == "en"


def test_persist_saves_and_keeps_other_settings(dltutor_home):
    path = settings(dltutor_home)
    path.write_text('theme = "dark"\nlang = "en"\n\n[editor]\nlang = "python"\n', encoding="utf-8")
    lang.set_language("zh", persist=True)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data == {"theme": "dark", "lang": "zh", "editor": {"lang": "python"}}
    lang.clear_language()
    assert lang.current_language() == "zh"               # read back from the file


def test_persist_adds_the_key_before_any_table(dltutor_home):
    path = settings(dltutor_home)
    path.write_text('[editor]\nfont = "mono"', encoding="utf-8")
    lang.save_language("zh")
    assert tomllib.loads(path.read_text(encoding="utf-8")) == {"lang": "zh", "editor": {"font": "mono"}}


def test_persist_replaces_a_corrupt_file_and_creates_a_missing_one(dltutor_home, monkeypatch):
    monkeypatch.setenv("DLTUTOR_HOME", str(dltutor_home / "new" / "home"))
    lang.save_language("zh")
    assert lang.saved_language() == "zh"
    lang.settings_path().write_text("lang = = =", encoding="utf-8")
    lang.save_language("en")
    assert lang.settings_path().read_text(encoding="utf-8") == 'lang = "en"\n'


# -- dltutor --lang --------------------------------------------------------------------------------

@pytest.mark.parametrize("argv, expected", [
    (["--lang", "zh", "list"], ("zh", ["list"])),
    (["--lang=zh", "list", "--json"], ("zh", ["list", "--json"])),
    (["--lang", "zh"], ("zh", [])),
    (["list", "--lang", "zh"], (None, ["list", "--lang", "zh"])),   # after the command: its parser's
    (["--version"], (None, ["--version"])),
    (["--lang"], (None, ["--lang"])),                               # no value: argparse says so
])
def test_take_language(argv, expected):
    assert take_language(argv) == expected


def test_cli_lang_sets_the_language_for_the_run(monkeypatch, capsys, use_fake_content):
    monkeypatch.setenv("DLTUTOR_LANG", "en")
    assert main(["--lang", "zh", "list", "--json"]) == 0
    assert lang.current_language() == "zh"
    capsys.readouterr()


def test_cli_refuses_an_unknown_language(capsys):
    assert main(["--lang", "fr", "list"]) == 2
    assert "--lang 'fr'" in capsys.readouterr().err
    assert lang.current_language() == "en"


def test_bare_lang_opens_the_app_on_the_fast_path(monkeypatch):
    monkeypatch.setenv("DLTUTOR_LANG", "en")
    opened = []
    monkeypatch.setattr("tutor.commands.app.launch", lambda target: opened.append((target, lang.current_language())) or 0)
    assert main(["--lang", "zh"]) == 0
    assert opened == [(None, "zh")]


def test_lang_after_the_command_works_too(monkeypatch, capsys, use_fake_content):
    monkeypatch.setenv("DLTUTOR_LANG", "en")
    assert main(["list", "--json", "--lang", "zh"]) == 0
    assert lang.current_language() == "zh"
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["list", "--lang", "fr"])
    # argparse's own words, in the language this process was switched to above
    assert "无效的取值：'fr'" in capsys.readouterr().err
