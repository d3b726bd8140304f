"""Pilot tests of the app shell and the reading/reviewing screens: Home, Lesson, Quiz, Review,
Progress, Help, the theme toggle and the command palette (the shipped course)."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from conftest import make_app, screen_text, wait_for

from tutor.content import shipped_catalog
from tutor.grading.client import GradingService
from tutor.progress.store import Store

SIZE = (100, 35)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh $DLTUTOR_HOME per test, and no warm grading service: these screens never grade,
    and a torch-loading process per test would only slow the suite down."""
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path))
    monkeypatch.setattr(GradingService, "start", lambda self: None)
    # The quiz ignores an enter that bounces right after a new question or verdict; these tests
    # press keys faster than any reader, so the pause is off (the double-enter test turns it on).
    import tutor.tui.screens.quiz as quiz_screen

    monkeypatch.setattr(quiz_screen, "SETTLE_S", 0.0)
    return tmp_path





async def wait_for_screen(pilot, cls, timeout: float = 10.0):
    """Wait until a `cls` screen is on top and mounted (compose done), then let it settle."""
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, cls) and app.screen.is_mounted, timeout)
    await pilot.pause()
    return app.screen


async def home_counted(pilot):
    """Wait for Home's review count (it is computed just after the first frame)."""
    from tutor.tui.screens.home import HomeScreen

    screen = await wait_for_screen(pilot, HomeScreen)
    await wait_for(pilot, lambda: screen.review_count is not None)
    await pilot.pause()
    return screen


# -- Home -----------------------------------------------------------------------------------------

@pytest.mark.asyncio
async def test_home_shows_curriculum_marks_progress_and_continue():
    from tutor.tui.widgets.curriculum import CurriculumList

    catalog = shipped_catalog()
    store = Store()
    store.record_attempt("conv2d", "fail", 1.0)
    store.record_attempt("conv2d", "pass", 1.0)
    store.record_attempt("softmax", "fail", 1.0)
    store.set_lesson_position("convnets", 2, 9)
    store.close()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        curriculum = app.screen.query_one(CurriculumList)
        prompts = {curriculum.get_option_at_index(i).id: str(curriculum.get_option_at_index(i).prompt)
                   for i in range(curriculum.option_count)}
        for lesson in catalog.lessons:
            assert any(key.startswith(f"lesson:{lesson.id}:") for key in prompts)
            for exercise in catalog.lesson_exercises(lesson):
                assert f"exercise:{exercise.id}:{lesson.id}" in prompts
        assert "✔" in prompts["exercise:conv2d:convnets"]
        assert "…" in prompts["exercise:softmax:activation-functions"]
        assert "·" in prompts["exercise:mse:loss-functions"]
        assert "§ 3/9" in prompts["lesson:convnets:convnets"]
        assert any(key.startswith("quiz:convnets") for key in prompts)
        assert any(key.startswith("demo:cnn:convnets") for key in prompts)
        bar = app.screen.query_one("#exercises-bar")
        assert (bar.progress, bar.total) == (1, len(catalog.exercises))
        assert f"1/{len(catalog.exercises)}" in screen_text(app)
        # Continue goes to the first unfinished thing in course order, not to the last lesson read.
        assert f"Continue: {catalog.lessons[0].title} § 1" in screen_text(app)


@pytest.mark.asyncio
async def test_home_continue_opens_the_first_unfinished_thing_in_course_order():
    from tutor.quiz.scheduler import ReviewScheduler, course_questions
    from tutor.tui.screens.exercise import ExerciseScreen
    from tutor.tui.screens.lesson import LessonScreen
    from tutor.tui.screens.quiz import QuizScreen

    catalog = shipped_catalog()
    at = next(i for i, lesson in enumerate(catalog.lessons)
              if catalog.lesson_exercises(lesson) and lesson.quiz_path is not None)
    first, second = catalog.lessons[at], catalog.lessons[at + 1]
    exercises = catalog.lesson_exercises(first)
    questions = course_questions(catalog)
    store = Store()
    for earlier in catalog.lessons[:at]:                                    # all done before `first`
        store.set_lesson_position(earlier.id, len(earlier.sections) - 1, len(earlier.sections))
        for exercise in catalog.lesson_exercises(earlier):
            store.record_attempt(exercise.id, "pass", 1.0)
        for question in [q for q in questions if q.lesson == earlier.id][:1]:
            ReviewScheduler(store).record(question.key, earlier.id, correct=True)
    store.set_lesson_position(first.id, 1, len(first.sections))            # half read
    store.set_lesson_position("recurrent-nets", 4, 8)                       # read later, further on
    store.close()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await home_counted(pilot)
        await pilot.press("c")
        await wait_for_screen(pilot, LessonScreen)
        assert (app.screen.lesson.id, app.screen.index) == (first.id, 1)
        await pilot.press("escape")
        await home_counted(pilot)
        app.store.set_lesson_position(first.id, len(first.sections) - 1, len(first.sections))   # read to the end
        await pilot.press("c")                                              # read: its first exercise
        await wait_for_screen(pilot, ExerciseScreen)
        assert app.screen.exercise.id == exercises[0].id
        for exercise in exercises:
            app.store.record_attempt(exercise.id, "pass", 1.0)
        app.pop_screen()
        await home_counted(pilot)
        await pilot.press("c")                                              # exercises done: its quiz
        await wait_for_screen(pilot, QuizScreen)
        assert app.screen.heading == f"Quiz: {first.title}"
        question = next(q for q in questions if q.lesson == first.id)
        ReviewScheduler(app.store).record(question.key, first.id, correct=True)     # the quiz is taken
        app.pop_screen()
        await home_counted(pilot)
        assert f"Continue: {second.title} § 1" in screen_text(app)
        await pilot.press("c")                                              # all done: the next lesson
        await wait_for_screen(pilot, LessonScreen)
        assert (app.screen.lesson.id, app.screen.index) == (second.id, 0)
@pytest.mark.asyncio
async def test_home_enter_on_a_lesson_row_opens_the_reader_and_escape_comes_back():
    from tutor.tui.screens.home import HomeScreen
    from tutor.tui.screens.lesson import LessonScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await wait_for_screen(pilot, LessonScreen)
        assert app.screen.lesson.id == shipped_catalog().lessons[0].id
        await pilot.press("escape")
        await wait_for_screen(pilot, HomeScreen)
        # The lesson was opened, so Home now marks it and offers to continue it.
        assert "Continue:" in screen_text(app)


@pytest.mark.asyncio
async def test_q_quits_from_home():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


@pytest.mark.asyncio
async def test_unknown_start_id_is_a_notification_not_a_crash():
    from tutor.tui.screens.home import HomeScreen

    app = make_app(start="no-such-thing")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("no-such-thing" in n.message for n in app._notifications)


@pytest.mark.asyncio
async def test_a_broken_database_is_moved_aside_and_the_learner_is_told(home: Path):
    (home / "progress.sqlite3").write_bytes(b"this is not a database" * 100)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("moved" in n.message for n in app._notifications)
    assert list(home.glob("progress.sqlite3.broken-*"))


# -- Lesson ---------------------------------------------------------------------------------------

@pytest.mark.asyncio
async def test_lesson_next_previous_and_position_survives_a_restart():
    from tutor.tui.screens.lesson import LessonScreen

    lesson = shipped_catalog().lesson("convnets")
    app = make_app(start="convnets")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, LessonScreen)
        screen = app.screen
        assert screen.index == 0 and screen.sub_title.startswith(f"§ 1/{len(lesson.sections)}")
        await pilot.press("n", "right", "n")
        assert screen.index == 3
        await pilot.press("p", "left")
        assert screen.index == 1
        await pilot.pause()
        assert screen.sub_title.startswith(f"§ 2/{len(lesson.sections)}")
        assert Store().lesson_positions()["convnets"]["section"] == 1      # saved on every move
        app.open_lesson("convnets", section=len(lesson.sections) - 1)   # the same lesson: jumps, no new screen
        await pilot.pause()
        assert app.screen is screen and screen.index == len(lesson.sections) - 1
        await pilot.press("right")                                        # past the end: → stays on the last
        assert screen.index == len(lesson.sections) - 1
        await pilot.press("p")
    positions = Store().lesson_positions()
    assert positions["convnets"]["section"] == len(lesson.sections) - 2
    assert positions["convnets"]["time_spent_s"] > 0

    again = make_app(start="convnets")
    async with again.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, LessonScreen)
        assert again.screen.index == len(lesson.sections) - 2
        assert lesson.sections[-2].title in screen_text(again)


def test_bare_code_fences_are_labelled_text_so_markdown_does_not_guess():
    from tutor.tui.screens.lesson import label_bare_fences

    body = "Intro\n\n```\ny = x @ w\n```\n\n~~~python\nprint(1)\n~~~\n\n````\n```\nstill code\n````\n"
    assert label_bare_fences(body) == ("Intro\n\n```text\ny = x @ w\n```\n\n~~~python\nprint(1)\n~~~\n\n"
                                       "````text\n```\nstill code\n````\n")


@pytest.mark.asyncio
async def test_last_section_links_to_the_lessons_exercises_demo_and_quiz():
    from textual.widgets import Button

    from tutor.tui.screens.lesson import LessonScreen
    from tutor.tui.screens.quiz import QuizScreen

    catalog = shipped_catalog()
    lesson = catalog.lesson("convnets")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.open_lesson("convnets", section=0)
        await wait_for_screen(pilot, LessonScreen)
        links = app.screen.query_one("#lesson-links")
        assert not links.display
        app.open_lesson("convnets", section=len(lesson.sections) - 1)
        await pilot.pause()
        assert sum(isinstance(s, LessonScreen) for s in app.screen_stack) == 1
        assert links.display
        names = {button.name for button in links.query(Button)}
        assert names == ({f"exercise:{e.id}" for e in catalog.lesson_exercises(lesson)}
                         | {f"demo:{lesson.demo}", f"quiz:{lesson.id}", f"lesson:{screen_after(catalog, lesson).id}"})
        next(b for b in links.query(Button) if b.name == "quiz:convnets").press()
        await wait_for_screen(pilot, QuizScreen)
        assert app.screen.heading == f"Quiz: {lesson.title}"


@pytest.mark.asyncio
async def test_lesson_exercise_key_opens_the_first_unpassed_exercise():
    from tutor.tui.screens.exercise import ExerciseScreen
    from tutor.tui.screens.lesson import LessonScreen

    catalog = shipped_catalog()
    lesson = catalog.lesson("convnets")
    first, second = catalog.lesson_exercises(lesson)[:2]
    store = Store()
    store.record_attempt(first.id, "pass", 1.0)
    store.close()
    app = make_app(start="convnets")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, LessonScreen)
        await pilot.press("e")
        await wait_for_screen(pilot, ExerciseScreen)
        assert app.screen.exercise.id == second.id


@pytest.mark.asyncio
async def test_home_rows_and_start_id_open_the_exercise_screen():
    from tutor.tui.screens.exercise import ExerciseScreen
    from tutor.tui.widgets.curriculum import CurriculumList

    app = make_app(start="conv2d")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, ExerciseScreen)
        assert app.screen.exercise.id == "conv2d"
        await pilot.press("escape", "escape")     # the first one leaves the code editor
        await wait_for(pilot, lambda: not isinstance(app.screen, ExerciseScreen))
        curriculum = app.screen.query_one(CurriculumList)
        curriculum.select_row("exercise", "softmax")
        curriculum.focus()
        await pilot.press("enter")
        await wait_for_screen(pilot, ExerciseScreen)
        assert app.screen.exercise.id == "softmax"


@pytest.mark.asyncio
async def test_demo_rows_open_the_demo_screen():
    from tutor.tui.screens.demo import DemoScreen
    from tutor.tui.widgets.curriculum import CurriculumList

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        curriculum = app.screen.query_one(CurriculumList)
        curriculum.select_row("demo", "cnn")
        curriculum.focus()
        await pilot.press("enter")
        await wait_for_screen(pilot, DemoScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d")              # Home's demo picker
        await wait_for_screen(pilot, DemoScreen)


# -- Quiz -----------------------------------------------------------------------------------------

def first_question(kind: str):
    for lesson in shipped_catalog().lessons:
        for question in shipped_catalog().quiz(lesson):
            if question.kind == kind:
                return question
    raise AssertionError(f"the course has no {kind} question")


async def open_quiz(app, pilot, questions, review: bool = False):
    from tutor.tui.screens.quiz import QuizScreen

    await app.push_screen(QuizScreen(questions, review=review, seed=3))
    await wait_for_screen(pilot, QuizScreen)
    await pilot.pause()
    return app.screen


def wrong_shape(answer: tuple[int, ...]) -> str:
    return "x".join(str(size + (1 if i == 0 else 0)) for i, size in enumerate(answer))


@pytest.mark.asyncio
@pytest.mark.parametrize("right", [True, False], ids=["right", "wrong"])
async def test_quiz_choice_and_shape_questions(right: bool):
    from textual.widgets import Input, Static

    from tutor.quiz.answers import format_choice

    choice, shape = first_question("choice"), first_question("shape")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_quiz(app, pilot, [choice, shape])
        question = screen.question
        assert question.kind == "choice" and question.prompt in screen_text(app)
        index = question.answer if right else (question.answer + 1) % len(question.choices)
        await pilot.press(format_choice(index))
        await pilot.pause()
        verdict = str(screen.query_one("#quiz-verdict", Static).render())
        assert verdict.startswith("✔" if right else "✘")
        assert str(screen.query_one("#quiz-explanation", Static).render()) == question.explanation
        reviews = Store().reviews()
        assert [(r["card_key"], r["correct"]) for r in reviews] == [(choice.key, right)]

        await pilot.press("enter")
        await pilot.pause()
        question = screen.question
        assert question.kind == "shape"
        answer = screen.query_one("#quiz-answer", Input)
        assert app.focused is answer
        text = "x".join(str(s) for s in question.answer) if right else wrong_shape(question.answer)
        await pilot.press(*text, "enter")
        await pilot.pause()
        verdict = str(screen.query_one("#quiz-verdict", Static).render())
        assert verdict.startswith("✔" if right else "✘")
        assert question.explanation in str(screen.query_one("#quiz-explanation", Static).render())
        assert [(r["card_key"], r["correct"]) for r in Store().reviews()][-1] == (shape.key, right)

        await pilot.press("enter")
        await pilot.pause()
        assert screen.session.finished
        assert f"Score: {2 if right else 0}/2" in screen_text(app)


@pytest.mark.asyncio
async def test_quiz_unreadable_answer_is_not_recorded_and_question_mark_shows_the_answer():
    from textual.widgets import Static

    from tutor.tui.screens.help import HelpScreen

    shape = first_question("shape")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_quiz(app, pilot, [shape])
        await pilot.press(*"six by six", "enter")
        await pilot.pause()
        assert screen.answering
        assert "Could not read" in str(screen.query_one("#quiz-verdict", Static).render())
        assert Store().reviews() == []
        screen.query_one("#quiz-answer").value = ""
        await pilot.press("question_mark", "enter")      # typed into the answer box: not Help
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        assert "The answer is" in str(screen.query_one("#quiz-verdict", Static).render())
        assert [r["correct"] for r in Store().reviews()] == [False]


@pytest.mark.asyncio
async def test_quiz_multiple_answers_are_toggled_then_submitted():
    from textual.widgets import Static

    from tutor.quiz.answers import format_choice

    multi = first_question("multi")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_quiz(app, pilot, [multi])
        right = sorted(screen.question.answer)
        await pilot.press(*(format_choice(i) for i in right))
        assert screen.answering                              # toggling does not submit
        await pilot.press("enter")
        await pilot.pause()
        assert str(screen.query_one("#quiz-verdict", Static).render()).startswith("✔")
        assert [r["correct"] for r in Store().reviews()] == [True]


def questions_of(kind: str, count: int) -> list:
    found = [q for lesson in shipped_catalog().lessons for q in shipped_catalog().quiz(lesson) if q.kind == kind]
    assert len(found) >= count, f"the course has fewer than {count} {kind} questions"
    return found[:count]


@pytest.mark.asyncio
async def test_quiz_give_up_key_then_a_second_choice_question():
    from textual.widgets import Static

    from tutor.quiz.answers import format_choice

    first, second = questions_of("choice", 2)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_quiz(app, pilot, [first, second])
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert "The answer is" in str(screen.query_one("#quiz-verdict", Static).render())
        await pilot.press("enter")               # a choice question after a choice question
        await pilot.pause()
        assert screen.question.key == second.key and screen.answering
        await pilot.press(format_choice(screen.question.answer))
        await pilot.pause()
        assert str(screen.query_one("#quiz-verdict", Static).render()).startswith("✔")
        assert [(r["card_key"], r["correct"]) for r in Store().reviews()] == [(first.key, False), (second.key, True)]


# -- Review ---------------------------------------------------------------------------------------

@pytest.mark.asyncio
async def test_review_with_nothing_due_says_so():
    from tutor.tui.screens.home import HomeScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await home_counted(pilot)
        assert "No review cards due" in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("Nothing due" in n.message for n in app._notifications)


@pytest.mark.asyncio
async def test_review_takes_the_due_queue_overdue_card_first():
    from tutor.quiz.answers import format_choice
    from tutor.quiz.scheduler import ReviewScheduler, course_questions
    from tutor.tui.screens.quiz import QuizScreen

    catalog = shipped_catalog()
    choice = first_question("choice")
    store = Store()
    # A card answered wrongly two days ago is overdue now; its lesson's unseen questions join as new.
    ReviewScheduler(store).record(choice.key, choice.lesson, correct=False,
                                  when=datetime.now(UTC) - timedelta(days=2))
    queue = ReviewScheduler(store).queue(course_questions(catalog))
    store.close()
    assert queue[0].question.key == choice.key and not queue[0].new
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await home_counted(pilot)
        assert f"{len(queue)} review card" in screen_text(app)
        await pilot.press("r")
        await wait_for_screen(pilot, QuizScreen)
        screen = app.screen
        assert screen.review and screen.session.total == min(len(queue), 20)
        assert screen.question.key == choice.key
        await pilot.press(format_choice(screen.question.answer))
        await pilot.pause()
        reviews = Store().reviews(choice.key)
        assert [r["correct"] for r in reviews] == [False, True]
        await pilot.press("escape")
        await home_counted(pilot)
        # Home recounts on return: the card answered right is no longer due.
        assert (f"{len(queue) - 1} review card" if len(queue) > 1 else "No review cards due") in screen_text(app)


# -- Progress -------------------------------------------------------------------------------------

@pytest.mark.asyncio
async def test_progress_table_and_export_writes_valid_json(home: Path):
    from textual.widgets import DataTable

    from tutor.tui.screens.progress import ProgressScreen

    store = Store()
    store.record_attempt("conv2d", "fail", 2.0, seed=1, failed_tests=3)
    store.record_attempt("conv2d", "pass", 1.5, seed=2)
    store.add_time("conv2d", 600)
    store.set_lesson_position("convnets", 4, 9, add_seconds=120)
    store.close()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await wait_for_screen(pilot, ProgressScreen)
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == len(shipped_catalog().lessons)
        row = [str(cell) for cell in table.get_row("convnets")]
        assert row[2:] == ["5/9", f"1/{len(shipped_catalog().lesson_exercises(shipped_catalog().lesson('convnets')))}",
                           "1", "2", "12m"]
        await pilot.press("x")
        await pilot.pause()
        target = home / f"progress-export-{date.today().isoformat()}.json"
        assert target.exists()
        assert any(str(target) in n.message for n in app._notifications)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [a["status"] for a in data["attempts"]] == ["fail", "pass"]
    assert data["exercises"]["conv2d"]["status"] == "passed"
    assert data["lessons"]["convnets"]["section"] == 4


# -- Help, theme, command palette -----------------------------------------------------------------

@pytest.mark.asyncio
async def test_help_lists_every_binding_of_every_screen():
    from tutor.tui.app import DLTutorApp
    from tutor.tui.screens.help import HelpScreen, bindings_of, describe, key_label, screen_classes

    app = make_app()
    async with app.run_test(size=(120, 200)) as pilot:
        await pilot.press("question_mark")
        await wait_for_screen(pilot, HelpScreen)
        await pilot.press("question_mark")                  # a second ? does not stack another Help
        await pilot.pause()
        assert sum(isinstance(s, HelpScreen) for s in app.screen_stack) == 1
        text = " ".join(screen_text(app).split())
        classes = dict(screen_classes())
        assert set(classes) == {"Home", "Lesson", "Quiz and review", "Progress", "Exercise", "Demo", "Help"}
        for cls in [DLTutorApp, *classes.values()]:
            for binding in bindings_of(cls):
                assert f"{key_label(binding.key)} {' '.join(describe(binding).split())}" in text, binding
        assert "ctrl+p" in text


@pytest.mark.asyncio
async def test_theme_toggle_is_remembered_across_restarts():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme == "textual-light"
    assert Store().get("theme") == "textual-light"
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        assert again.theme == "textual-light"
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert again.theme == "textual-dark"
    assert Store().get("theme") == "textual-dark"


@pytest.mark.asyncio
async def test_command_palette_lists_every_action_and_runs_one():
    from tutor.demos.config import DEMOS
    from tutor.tui.palette import tutor_commands
    from tutor.tui.screens.home import HomeScreen
    from tutor.tui.screens.progress import ProgressScreen

    catalog = shipped_catalog()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        names = [command.name for command in tutor_commands(app)]
        for lesson in catalog.lessons:
            assert f"Lesson {lesson.order}: {lesson.title}" in names
        for exercise in catalog.exercises.values():
            assert any(name.startswith(f"Exercise: {exercise.id} ") for name in names)
        for demo in DEMOS:
            assert f"Demo: {demo}" in names
        assert sum(name.startswith("Quiz: ") for name in names) == sum(l.quiz_path is not None for l in catalog.lessons)
        for action in ("Review due cards", "Progress", "Help: key bindings", "Toggle light/dark theme", "Home"):
            assert action in names

        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Progress")
        await wait_for(pilot, lambda: "Per-lesson table" in screen_text(app))
        await pilot.press("enter")
        await wait_for_screen(pilot, ProgressScreen)
        app.go_home()
        await wait_for_screen(pilot, HomeScreen)
        assert len(app.screen_stack) == 1


# -- start-up stays light -------------------------------------------------------------------------

FIRST_FRAME = textwrap.dedent("""
    import asyncio, json, sys
    from tutor.grading.client import GradingService
    GradingService.start = lambda self: None      # the service is another process anyway
    from tutor.tui.app import DLTutorApp

    async def main():
        app = DLTutorApp()
        async with app.run_test(size=(100, 35)) as pilot:
            await pilot.pause()
            heavy = sorted(name for name in ("torch", "numpy", "torchvision") if name in sys.modules)
            print(json.dumps({"screen": type(app.screen).__name__, "heavy": heavy}))

    asyncio.run(main())
""")


def test_first_frame_imports_neither_torch_nor_numpy():
    # A fresh interpreter: other tests in this process may have imported torch already.
    done = subprocess.run([sys.executable, "-c", FIRST_FRAME], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report == {"screen": "HomeScreen", "heavy": []}


def screen_after(catalog, lesson):
    """The lesson after `lesson` in course order."""
    return catalog.lessons[[l.id for l in catalog.lessons].index(lesson.id) + 1]


@pytest.mark.asyncio
async def test_past_the_last_section_n_offers_the_quiz_then_the_next_lesson():
    from tutor.quiz.scheduler import ReviewScheduler, course_questions
    from tutor.tui.screens.lesson import LessonScreen
    from tutor.tui.screens.quiz import QuizScreen

    catalog = shipped_catalog()
    at = next(i for i, lesson in enumerate(catalog.lessons) if lesson.quiz_path is not None)
    lesson, following = catalog.lessons[at], catalog.lessons[at + 1]
    app = make_app(start=lesson.id)
    async with app.run_test(size=SIZE) as pilot:
        reader = await wait_for_screen(pilot, LessonScreen)
        reader.go_to(reader.last)
        await pilot.press("right")                       # → stops at the last section
        assert app.screen is reader and reader.index == reader.last
        assert "n takes this lesson's quiz" in str(reader.query_one("#lesson-next").render())
        await pilot.press("n")
        quiz = await wait_for_screen(pilot, QuizScreen)
        assert quiz.heading == f"Quiz: {lesson.title}"
        question = next(q for q in course_questions(catalog) if q.lesson == lesson.id)
        ReviewScheduler(app.store).record(question.key, lesson.id, correct=True)
        app.pop_screen()
        await wait_for_screen(pilot, LessonScreen)
        assert following.title in str(reader.query_one("#lesson-next").render())
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen is not reader)
        assert app.screen.lesson.id == following.id


@pytest.mark.asyncio
async def test_only_cards_the_learner_has_seen_are_due():
    from tutor.quiz.scheduler import ReviewScheduler

    choice = first_question("choice")
    store = Store()
    store.set_lesson_position(choice.lesson, 0, 3)            # reading the lesson makes nothing due
    store.close()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        home = await home_counted(pilot)
        assert home.review_count == 0 and "No review cards due" in screen_text(app)
        # One question answered two days ago: that card, and only it, is due.
        ReviewScheduler(app.store).record(choice.key, choice.lesson, correct=False,
                                          when=datetime.now(UTC) - timedelta(days=2))
        home.refresh_review_count()
        assert home.review_count == 1
        assert [item.question.key for item in app.review_queue()] == [choice.key]


@pytest.mark.asyncio
async def test_a_double_enter_never_submits_an_empty_answer_nor_skips_the_explanation(monkeypatch):
    from textual.widgets import Static

    import tutor.tui.screens.quiz as quiz_screen

    # A generous settling time, so a slow test machine cannot turn a bounce into two presses;
    # "time passing" is then a reset of the screen's clock.
    monkeypatch.setattr(quiz_screen, "SETTLE_S", 30.0)
    shape, choice = first_question("shape"), first_question("choice")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_quiz(app, pilot, [shape, choice])
        assert screen.question.kind == "shape"
        screen._shown_at = 0.0
        await pilot.press("enter")                       # nothing typed: not an answer
        assert screen.answering and Store().reviews() == []
        assert "Type an answer first" in str(screen.query_one("#quiz-verdict", Static).render())
        await pilot.press(*"x".join(map(str, screen.question.answer)), "enter", "enter")   # answer, and a bounce
        assert screen.outcome is not None and screen.outcome.question.kind == "shape", "the explanation stays"
        screen._shown_at = 0.0
        await pilot.press("enter", "enter")              # next question, and a bounce: not an answer
        assert screen.question.kind == "choice" and screen.answering
        assert len(Store().reviews()) == 1
        assert "ctrl+g shows the answer" in str(screen.query_one("#quiz-hint", Static).render())


@pytest.mark.asyncio
async def test_a_lesson_quiz_comes_in_sittings_of_ten_and_resumes_where_the_learner_left():
    from tutor.quiz.scheduler import ReviewScheduler
    from tutor.tui.course import QUIZ_SESSION
    from tutor.tui.screens.quiz import QuizScreen

    catalog = shipped_catalog()
    lesson = next(l for l in catalog.lessons if l.quiz_path is not None and len(catalog.quiz(l)) > QUIZ_SESSION)
    questions = catalog.quiz(lesson)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.open_quiz(lesson.id)
        screen = await wait_for_screen(pilot, QuizScreen)
        assert screen.session.total == QUIZ_SESSION
        assert screen.question.key == questions[0].key
        # Two answered (as the screen records them), then escape mid-quiz.
        for question in questions[:2]:
            ReviewScheduler(app.store).record(question.key, lesson.id, correct=True)
        await pilot.press("escape")
        app.open_quiz(lesson.id)
        again = await wait_for_screen(pilot, QuizScreen)
        assert again is not screen and again.question.key == questions[2].key, "resumes at the first unanswered"
        assert again.left_after == max(0, len(questions) - 2 - QUIZ_SESSION)
