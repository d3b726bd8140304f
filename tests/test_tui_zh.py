"""The app in Chinese: a Pilot walk through every screen with the catalogue hooked, so any UI string
looked up without a zh translation fails the test; the language switch (Home's `l`, the palette)
and its persistence; CJK alignment at 80×24 and 120×40.

Lesson, quiz and exercise *content* may still be English (the translators' files land
separately); these tests are about the interface's own words.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import make_app, screen_text, wait_for
from rich.cells import cell_len

from tutor.grading.client import GradingService
from tutor.i18n import lang
from tutor.i18n.catalog import record_missing

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path))
    monkeypatch.setattr(GradingService, "start", lambda self: None)     # nothing here grades
    import tutor.tui.screens.quiz as quiz_screen

    monkeypatch.setattr(quiz_screen, "SETTLE_S", 0.0)
    monkeypatch.setattr(lang, "_override", None)
    yield tmp_path
    lang._override = None


@pytest.fixture
def zh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DLTUTOR_LANG", "zh")




def assert_aligned(app) -> str:
    """Every row of the screen is exactly the terminal's width in cells: a double-width character
    miscounted anywhere would make its row longer or shorter and shift everything after it."""
    text = screen_text(app)
    width = app.size[0]
    rows = text.rstrip("\n").split("\n")
    wrong = [(number, cell_len(row), row) for number, row in enumerate(rows) if cell_len(row) != width]
    assert not wrong, wrong[:3]
    return text



async def on_screen(pilot, cls):
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, cls) and pilot.app.screen.is_mounted)
    await pilot.pause()
    return pilot.app.screen


@pytest.mark.asyncio
async def test_every_screen_in_zh_looks_up_only_translated_strings(zh):
    from tutor.content import shipped_catalog
    from tutor.tui.screens.demo import DemoScreen
    from tutor.tui.screens.exercise import ExerciseScreen
    from tutor.tui.screens.help import HelpScreen
    from tutor.tui.screens.home import HomeScreen
    from tutor.tui.screens.lesson import LessonScreen
    from tutor.tui.screens.progress import ProgressScreen
    from tutor.tui.screens.quiz import QuizScreen

    catalog = shipped_catalog()
    lesson = next(lesson for lesson in catalog.lessons if lesson.quiz_path and lesson.exercises and lesson.demo)
    seen: dict[str, str] = {}
    with record_missing() as missing:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            home = await on_screen(pilot, HomeScreen)
            await wait_for(pilot, lambda: home.review_count is not None)
            seen["home"] = assert_aligned(app)

            app.open_lesson(lesson.id, section=len(lesson.sections) - 1)      # the last section: its links
            await on_screen(pilot, LessonScreen)
            seen["lesson"] = assert_aligned(app)

            await pilot.press("e")                                           # the lesson's exercise
            await on_screen(pilot, ExerciseScreen)
            await pilot.pause(0.3)
            seen["exercise"] = assert_aligned(app)
            app.pop_screen()                  # (escape in the editor belongs to the editor)
            await on_screen(pilot, LessonScreen)

            await pilot.press("k")                                           # its quiz: answer one, then the end
            quiz = await on_screen(pilot, QuizScreen)
            await pilot.press("ctrl+g")
            await wait_for(pilot, lambda: quiz.outcome is not None)
            seen["quiz"] = assert_aligned(app)
            while quiz.question is not None:
                if quiz.outcome is None:
                    quiz.action_give_up()
                quiz.action_next()
                await pilot.pause()
            seen["quiz score"] = assert_aligned(app)
            app.go_home()
            await on_screen(pilot, HomeScreen)

            await pilot.press("r")                                            # review: the cards just answered
            await pilot.pause(0.2)
            if isinstance(app.screen, QuizScreen):
                seen["review"] = assert_aligned(app)
                app.go_home()
                await on_screen(pilot, HomeScreen)

            await pilot.press("d")                                            # the demo picker, then one demo
            await on_screen(pilot, DemoScreen)
            seen["demos"] = assert_aligned(app)
            await pilot.press("escape")
            app.open_demo(lesson.demo)
            await on_screen(pilot, DemoScreen)
            seen["demo"] = assert_aligned(app)
            app.go_home()
            await on_screen(pilot, HomeScreen)

            await pilot.press("p")
            await on_screen(pilot, ProgressScreen)
            seen["progress"] = assert_aligned(app)
            await pilot.press("escape")
            await pilot.press("question_mark")
            await on_screen(pilot, HelpScreen)
            seen["help"] = assert_aligned(app)
            await pilot.press("escape")

            await pilot.press("ctrl+p")                                       # the command palette
            await pilot.pause(0.3)
            seen["palette"] = screen_text(app)
            await pilot.press("escape")
            app.stop_demos()
    assert not missing, "untranslated UI strings:\n" + "\n".join(repr(msgid) for _lang, msgid in sorted(missing))
    for name, text in seen.items():
        assert CJK.search(text), f"no Chinese on the {name} screen:\n{text}"
    assert "返回" in seen["help"] and "命令面板" in seen["palette"]


@pytest.mark.asyncio
async def test_l_on_home_switches_to_chinese_and_back_and_is_remembered(home: Path, monkeypatch):
    from tutor.i18n import current_language
    from tutor.tui.screens.home import HomeScreen

    monkeypatch.setenv("DLTUTOR_LANG", "")          # no environment override: the saved setting decides
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await on_screen(pilot, HomeScreen)
        await wait_for(pilot, lambda: screen.review_count is not None)
        assert "Exercises passed" in screen_text(app)
        with record_missing() as missing:
            await pilot.press("l")
            await wait_for(pilot, lambda: "已通过的练习" in screen_text(app))
            text = assert_aligned(app)
        assert not missing, missing
        assert current_language() == "zh"
        assert "English" in text and "退出" in text          # the footer relabelled: l offers the way back
        assert 'lang = "zh"' in (home / "settings.toml").read_text(encoding="utf-8")
        await pilot.press("l")
        await wait_for(pilot, lambda: "Exercises passed" in screen_text(app))
        assert current_language() == "en" and "中文" in screen_text(app)
    lang._override = None                             # a new process: only the saved setting remains
    assert current_language() == "en"
    assert 'lang = "en"' in (home / "settings.toml").read_text(encoding="utf-8")


@pytest.mark.asyncio
async def test_the_palette_switch_redraws_an_open_lesson(monkeypatch):
    from tutor.tui.palette import tutor_commands
    from tutor.tui.screens.lesson import LessonScreen

    monkeypatch.setenv("DLTUTOR_LANG", "en")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_lesson(app.catalog.lessons[0].id, section=len(app.catalog.lessons[0].sections) - 1)
        await on_screen(pilot, LessonScreen)
        assert "Practice" in screen_text(app)
        switch = next(c for c in tutor_commands(app) if "中文" in c.name)
        monkeypatch.setenv("DLTUTOR_LANG", "")      # let set_language decide, as in a real session
        switch.run()
        await wait_for(pilot, lambda: "练一练" in screen_text(app))
        assert isinstance(app.screen, LessonScreen) and app.screen.sub_title.startswith("§")
        assert any("English" in c.name for c in tutor_commands(app))   # the entry now offers the way back


@pytest.mark.asyncio
async def test_switching_language_relabels_an_open_exercise_and_demo(monkeypatch):
    from tutor.tui.screens.demo import DemoScreen
    from tutor.tui.screens.exercise import ExerciseScreen

    monkeypatch.setenv("DLTUTOR_LANG", "en")
    app = make_app(start="conv2d")
    async with app.run_test(size=(120, 40)) as pilot:
        await on_screen(pilot, ExerciseScreen)
        app.open_demo("gd")
        await on_screen(pilot, DemoScreen)
        assert "Start (r)" in screen_text(app)
        monkeypatch.setenv("DLTUTOR_LANG", "")
        with record_missing() as missing:
            app.action_toggle_language()
            await wait_for(pilot, lambda: "开始 (r)" in screen_text(app) and "图片" in screen_text(app))
            app.pop_screen()
            await on_screen(pilot, ExerciseScreen)
            await wait_for(pilot, lambda: "尚未评判" in screen_text(app) and "说明" in screen_text(app))
            assert "Instructions" not in screen_text(app)
        assert not missing, missing
