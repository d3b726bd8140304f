"""Pilot tests of the exercise screen: autosave, grading (fail, pass, cancel), hints, the
solution view, outside changes; and the issue's main flow, from the lesson to the solution.

All but the main flow share one warm grading service (conftest's, for the whole session: torch
loads once); the main flow runs the app exactly as a learner would, its own service included.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SharedGrading, wait_for

from tutor.content import shipped_catalog
from tutor.grading.client import GradingService

pytestmark = pytest.mark.asyncio

SIZE = (100, 35)
CONV2D = shipped_catalog().exercise("conv2d")
SOLUTION = CONV2D.solution.read_text(encoding="utf-8")
INFINITE_LOOP = '''
def conv2d(x, weight, bias=None, stride=1, padding=0):
    while True:
        pass
'''


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$DLTUTOR_HOME is this test's own folder."""
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def warm_service(warm_grading_service):
    return warm_grading_service


def make_app(service: GradingService | None, start: str | None = "conv2d"):
    from tutor.tui.app import DLTutorApp

    app = DLTutorApp(start=start)
    if service is not None:
        app.grading = SharedGrading(service)
    return app


async def grade(pilot, key: str = "ctrl+r") -> str:
    screen = pilot.app.screen
    before = screen.grades_finished
    await pilot.press(key)
    await wait_for(pilot, lambda: screen.grades_finished > before, 90, "grading to finish")
    await pilot.pause()
    return screen.results.plain_text


async def test_editor_autosaves_and_saves_on_leaving(warm_service, home, monkeypatch):
    from tutor.tui.screens.exercise import ExerciseScreen
    from tutor.tui.widgets import editor

    # A longer autosave delay than the learner's 0.5 s: on a loaded machine the keys below took longer
    # than that, the autosave fired before the first check, and the editor was no longer dirty.
    monkeypatch.setattr(editor, "AUTOSAVE_DELAY_S", 2.0)
    app = make_app(warm_service)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen), 10, "the exercise screen")
        screen = app.screen
        path = home / "workspace" / "conv2d.py"
        assert path.read_text() == CONV2D.starter.read_text()
        assert screen.editor.text == path.read_text()
        await pilot.press(*"# my note", "enter")
        assert screen.editor.dirty
        # The autosave may fire between two keys on a loaded machine: wait for the last one.
        await wait_for(pilot, lambda: path.read_text() == screen.editor.text, 10, "the autosave")
        assert "# my note" in path.read_text()
        assert not screen.editor.dirty
        # ctrl+s saves at once; the atomic writes leave no temporary files behind.
        await pilot.press(*"x = 1", "ctrl+s")
        assert "x = 1" in path.read_text()
        assert sorted(p.name for p in path.parent.iterdir()) == ["conv2d.py"]
        # Leaving within the autosave delay does not lose the last keystrokes.
        await pilot.press(*"# last words", "escape", "escape")    # out of the editor, out of the screen
        assert not isinstance(app.screen, ExerciseScreen)
    assert "x = 1# last words" in path.read_text()


async def test_starter_fails_with_not_implemented_and_records_the_attempt(warm_service, home):
    app = make_app(warm_service)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: hasattr(app.screen, "results"), 10, "the exercise screen")
        text = await grade(pilot)
        assert app.screen.results.verdict.startswith("FAIL")
        assert "not implemented" in text
        attempts = app.store.attempts("conv2d")
        assert [(a["status"], a["source"]) for a in attempts] == [("fail", "tui")]


async def test_hints_and_the_solution_only_after_a_confirmed_give_up(warm_service):
    from tutor.tui.screens.exercise import GiveUpScreen, SolutionScreen

    app = make_app(warm_service)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: hasattr(app.screen, "results"), 10, "the exercise screen")
        screen = app.screen
        hints = screen.query_one("#instructions")
        await pilot.press("ctrl+h")
        assert app.store.exercise_state("conv2d").hints_revealed == 1
        assert hints.revealed == 1
        shown = screen.query_one("#hints").source
        assert CONV2D.hints[0] in shown and CONV2D.hints[1] not in shown
        # In the editor, "h" is a letter; outside it, it is the hint key.
        await pilot.press("h")
        assert app.store.exercise_state("conv2d").hints_revealed == 1
        assert screen.editor.text.startswith("h")       # typed (perhaps autosaved already: the machine is slow)
        await pilot.press("escape")            # leaves the editor
        assert screen.focused is not screen.editor.text_area
        await pilot.press("h")
        assert app.store.exercise_state("conv2d").hints_revealed == 2
        assert CONV2D.hints[1] in screen.query_one("#hints").source
        # Past the last hint the count stays put.
        for _ in range(len(CONV2D.hints) + 1):
            await pilot.press("ctrl+h")
        assert app.store.exercise_state("conv2d").hints_revealed == len(CONV2D.hints)

        # Not passed yet: the solution key asks first, and "no" shows nothing.
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, GiveUpScreen)
        await pilot.press("n")
        assert app.screen is screen
        assert not app.store.exercise_state("conv2d").solution_revealed
        await pilot.press("ctrl+o", "y")
        assert isinstance(app.screen, SolutionScreen)
        state = app.store.exercise_state("conv2d")
        assert state.solution_revealed and state.gave_up
        assert app.screen.query_one("#solution-model").text == SOLUTION
        assert app.screen.query_one("#solution-mine").text == screen.editor.text
        await pilot.press("escape")
        assert app.screen is screen


async def test_model_solution_passes_then_solution_opens_without_asking(warm_service, home):
    from tutor.tui.screens.exercise import SolutionScreen

    app = make_app(warm_service)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: hasattr(app.screen, "results"), 10, "the exercise screen")
        screen = app.screen
        screen.editor.set_text(SOLUTION)
        text = await grade(pilot, "f5")
        assert screen.results.verdict.startswith("PASS"), text
        assert (home / "workspace" / "conv2d.py").read_text() == SOLUTION
        assert app.store.exercise_state("conv2d").solved
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, SolutionScreen)
        state = app.store.exercise_state("conv2d")
        assert state.solution_revealed and not state.gave_up


async def test_escape_cancels_a_grade_that_never_ends(warm_service, home):
    app = make_app(warm_service)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: hasattr(app.screen, "results"), 10, "the exercise screen")
        screen = app.screen
        screen.editor.set_text(INFINITE_LOOP)
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: screen.grading and warm_service.busy, 60, "the grade to reach the service")
        await pilot.pause(0.3)                 # let the learner's loop start spinning
        await pilot.press("escape")
        assert not screen.grading
        assert "Cancelled" in screen.results.verdict
        # The service answered "cancelled" (not a timeout), and it still grades afterwards.
        await wait_for(pilot, lambda: screen.last_reply is not None, 30, "the service's answer")
        assert screen.last_reply == {"cancelled": True}
        assert app.store.attempts("conv2d") == []
        screen.editor.set_text(SOLUTION)
        await grade(pilot)
        assert screen.results.verdict.startswith("PASS")
        # The escape that cancelled did not leave the screen.
        assert app.screen is screen


async def test_outside_changes_are_picked_up_and_ctrl_e_explains_when_it_cannot_suspend(
        warm_service, home, monkeypatch):
    monkeypatch.setenv("EDITOR", "true")
    app = make_app(warm_service)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: hasattr(app.screen, "results"), 10, "the exercise screen")
        screen = app.screen
        path = home / "workspace" / "conv2d.py"
        path.write_text(SOLUTION)
        await wait_for(pilot, lambda: screen.editor.text == SOLUTION, 10, "the reload")
        assert screen.editor.text_area.text == SOLUTION and not screen.editor.dirty
        # Both changed: the editor's text wins and is saved over the file.
        screen.editor.set_text(SOLUTION + "\n# mine\n")
        path.write_text(SOLUTION + "\n# theirs\n")
        screen.editor.check_disk()
        assert screen.editor.text == SOLUTION + "\n# mine\n"
        await wait_for(pilot, lambda: path.read_text() == SOLUTION + "\n# mine\n", 10, "the editor's text saved")
        # The headless test driver cannot hand the terminal over: ctrl+e says so instead of failing.
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert any("cannot hand over" in n.message for n in app._notifications)


async def test_a_classic_mistake_is_explained_once_and_output_is_shown_without_markup(warm_service):
    app = make_app(warm_service)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: hasattr(app.screen, "results"), 10, "the exercise screen")
        screen = app.screen
        mistake = CONV2D.mistakes["flipped_kernel"]
        screen.editor.set_text('print("[bold red]not markup[/] [link=x]")\n' + mistake.path.read_text())
        text = await grade(pilot)
        assert screen.results.verdict.startswith("FAIL")
        assert text.count(f"Classic mistake: {mistake.title}") == 1
        assert mistake.explanation[:60] in text
        assert "smallest failing case" in text and "✘" in text
        assert "[bold red]not markup[/] [link=x]" in text
        assert app.store.attempts("conv2d")[-1]["mistake"] == "flipped_kernel"


async def test_a_file_that_cannot_be_created_is_reported_not_a_crash(warm_service, monkeypatch):
    import tutor.tui.screens.exercise as exercise_screen

    def refuse(exercise):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(exercise_screen, "ensure_workspace_file", refuse)
    app = make_app(warm_service)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, exercise_screen.ExerciseScreen), 10, "the screen")
        await pilot.pause()
        assert any("Permission denied" in n.message for n in app._notifications)
        await pilot.press("ctrl+r")                          # nothing to grade: no crash
        await pilot.press("escape")
        assert not isinstance(app.screen, exercise_screen.ExerciseScreen)


@pytest.mark.slow          # a cold start: torch loads in a fresh process (twice, with the fork-server)
async def test_main_flow_from_the_lesson_to_the_solution(home):
    """lesson → exercise → grade a failing file → hint → grade a passing file → solution, in the
    real app with its own grading service, which is gone once the app exits."""
    from textual.widgets import Button

    from tutor.tui.screens.exercise import ExerciseScreen, SolutionScreen
    from tutor.tui.screens.lesson import LessonScreen

    app = make_app(None, start="convnets")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), 10, "the lesson")
        lesson = app.screen
        for _ in range(len(lesson.lesson.sections)):
            await pilot.press("right")
        button = next(b for b in lesson.query(Button) if b.name == "exercise:conv2d")
        await pilot.click(button)
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen), 10, "the exercise screen")
        screen = app.screen
        assert screen.exercise.id == "conv2d"

        text = await grade(pilot)                               # the starter: FAIL
        assert "FAIL" in screen.results.verdict and "not implemented" in text
        await pilot.press("ctrl+h")                             # hint 1
        assert CONV2D.hints[0] in screen.query_one("#hints").source
        screen.editor.set_text(SOLUTION)                        # a passing file
        await grade(pilot)
        assert "PASS" in screen.results.verdict
        await pilot.press("ctrl+o")                             # the solution, no questions asked
        assert isinstance(app.screen, SolutionScreen)

        state = app.store.exercise_state("conv2d")
        assert (state.attempts, state.solved, state.hints_revealed, state.gave_up) == (2, True, 1, False)
        assert state.time_spent_s > 0
        assert [a["source"] for a in app.store.attempts("conv2d")] == ["tui", "tui"]
        service = app.grading.process
        assert service is not None and service.poll() is None
    assert service.poll() is not None, "the grading service outlived the app"


# -- the learner's loop: verdict first, small terminals, the last grade, the next step ------------

FLIPPED = CONV2D.mistakes["flipped_kernel"]


async def test_verdict_first_then_the_mistake_then_the_first_failure_as_a_call(warm_service):
    from tutor.tui.widgets.results import MistakeBlock

    app = make_app(warm_service)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: hasattr(app.screen, "results"), 10, "the exercise screen")
        screen = app.screen
        screen.seed = 1
        screen.editor.set_text(FLIPPED.path.read_text())
        text = await grade(pilot)
        lines = text.splitlines()
        assert lines[0].startswith("FAIL  ")
        mistake_at = lines.index(f"Classic mistake: {FLIPPED.title}")
        report = screen.results.report
        first_at = lines.index(f"✘ {report.first.name}")
        assert 0 < mistake_at < first_at < lines.index("All checks")
        # The smallest case is a call with shapes, not a dump; the seed is said.
        call = report.first.case.call
        assert call.startswith("conv2d(x: (") and "tensor(" not in call and "{" not in call
        assert text.index(call) < text.index("All checks")
        assert "seed 1" in text
        # The explanation is Markdown, and the mistake is on screen without scrolling.
        block = screen.query_one(MistakeBlock)
        assert block.query_one("Markdown").source == FLIPPED.explanation.strip()
        assert screen.query_one("#result-details").scroll_y == 0
        assert screen.region.contains_region(block.query_one(".result-mistake-title").region)


async def test_a_small_terminal_shows_one_pane_and_brings_the_results_forward(warm_service):
    app = make_app(warm_service)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: hasattr(app.screen, "results"), 10, "the exercise screen")
        screen = app.screen
        await pilot.pause()
        assert screen.compact
        shown = [pane for pane in ("instructions", "editor", "results") if screen.query_one(f"#{pane}").display
                 and screen.query_one(f"#{pane}").region]
        assert shown == ["editor"]
        # Outside the editor, 1 shows the instructions; alt+2 is back to the code from anywhere.
        await pilot.press("escape", "1")
        assert screen.query_one("#instructions").region and not screen.editor.region
        await pilot.press("alt+2")
        assert screen.focused is screen.editor.text_area and screen.editor.region
        screen.seed = 1
        screen.editor.set_text(FLIPPED.path.read_text())
        await grade(pilot)
        await pilot.pause()
        results = screen.results
        assert results.region and not screen.editor.region, "grading brings the results forward"
        title = results.query_one(".result-mistake-title")
        assert screen.region.contains_region(title.region), "the mistake's title is on screen at 80×24"
        # Wide again: three panes, side by side.
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not screen.compact
        assert all(screen.query_one(f"#{pane}").region for pane in ("instructions", "editor", "results"))


async def test_reopening_an_exercise_shows_its_last_grade(warm_service):
    from tutor.tui.screens.exercise import ExerciseScreen

    app = make_app(warm_service, start=None)
    async with app.run_test(size=SIZE) as pilot:
        app.store.record_attempt("conv2d", "fail", 1.0, 3, 2, "flipped_kernel", source="cli")
        app.open_exercise("conv2d")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen), 10, "the exercise screen")
        screen = app.screen
        await pilot.pause()
        # Graded with the CLI only: the summary of that attempt.
        assert screen.results.verdict.startswith("FAIL")
        text = screen.results.plain_text
        assert "dltutor check" in text and "2 checks failed" in text and FLIPPED.title in text
        # Graded here: the whole result comes back.
        screen.seed = 1
        screen.editor.set_text(FLIPPED.path.read_text())
        before = await grade(pilot)
        verdict = screen.results.verdict
        await pilot.press("escape", "escape")
        assert not isinstance(app.screen, ExerciseScreen)
        app.open_exercise("conv2d")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen), 10, "the exercise screen again")
        again = app.screen
        await pilot.pause()
        assert again is not screen
        assert again.results.verdict == verdict
        assert "your last grade, just now" in again.results.plain_text
        assert f"Classic mistake: {FLIPPED.title}" in again.results.plain_text
        assert before.split("seed 1")[0] == again.results.plain_text.split("seed 1")[0]


async def test_after_a_pass_n_opens_the_next_exercise_in_course_order(warm_service):
    from tutor.tui.course import next_exercise
    from tutor.tui.screens.exercise import ExerciseScreen

    following = next_exercise(shipped_catalog(), "conv2d")
    assert following is not None
    app = make_app(warm_service)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: hasattr(app.screen, "results"), 10, "the exercise screen")
        screen = app.screen
        await pilot.press("n")                       # in the editor, and not passed: just a letter
        assert screen.editor.text.startswith("n") and app.screen is screen
        screen.editor.set_text(SOLUTION)
        await grade(pilot)
        assert screen.results.verdict.startswith("PASS")
        assert screen.results.next_step == f"Next: press n for {following.title}"
        assert screen.focused is not screen.editor.text_area, "after a pass the focus leaves the editor"
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen) and app.screen is not screen, 10,
                       "the next exercise")
        assert app.screen.exercise.id == following.id
        assert len([s for s in app.screen_stack if isinstance(s, ExerciseScreen)]) == 1


# -- grading as a worker that posts a message (no torch: a scripted service) --------------------

def scripted_app(service, start: str = "conv2d"):
    from tutor.tui.app import DLTutorApp

    app = DLTutorApp(start=start)
    app.grading = service
    return app


async def test_a_grade_runs_as_an_exclusive_worker_and_its_message_is_shown():
    from conftest import ScriptedGrading, passing_result

    service = ScriptedGrading(passing_result(), gated=True)
    app = scripted_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: hasattr(app.screen, "results"), 10, "the exercise screen")
        screen = app.screen
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: service.busy, 10, "the grade to reach the service")
        workers = [w for w in app.workers if w.group == "grade"]
        assert len(workers) == 1 and workers[0].node is screen and workers[0].is_running
        assert screen.last_reply is None and screen.results.query_one("#grading").display
        service.release()
        await wait_for(pilot, lambda: screen.grades_finished == 1, 10, "the Graded message")
        assert screen.results.verdict.startswith("PASS")
        assert screen.last_reply == passing_result()
        assert app.store.exercise_state("conv2d").solved


async def test_a_cancelled_grades_late_answer_never_overwrites_the_next_grade():
    from conftest import ScriptedGrading, passing_result

    late = {"status": "fail", "tests": [{"name": "late", "status": "fail", "message": "stale"}], "seed": 1}
    service = ScriptedGrading(late, passing_result(), gated=True)
    service.cancel = lambda: None                # a service that answers the cancelled grade late
    app = scripted_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: hasattr(app.screen, "results"), 10, "the exercise screen")
        screen = app.screen
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: service.busy, 10, "the first grade")
        await pilot.press("escape")
        assert "Cancelled" in screen.results.verdict and not screen.grading
        await pilot.press("ctrl+r")                # a new grade, while the old one still waits
        await wait_for(pilot, lambda: len(service.calls) == 2, 10, "the second grade")
        service.release(0)                         # the cancelled grade answers now
        await wait_for(pilot, lambda: screen.last_reply == late, 10, "the late answer")
        await pilot.pause()
        assert screen.grading and screen.results.query_one("#grading").display
        assert app.store.attempts("conv2d") == []
        service.release(1)
        await wait_for(pilot, lambda: screen.grades_finished == 1, 10, "the second grade's answer")
        assert screen.results.verdict.startswith("PASS")
        assert [a["status"] for a in app.store.attempts("conv2d")] == ["pass"]


async def test_a_grader_that_raises_is_a_message_on_screen_not_a_crash():
    from conftest import ScriptedGrading

    service = ScriptedGrading(ConnectionResetError("the grading service went away"))
    app = scripted_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: hasattr(app.screen, "results"), 10, "the exercise screen")
        screen = app.screen
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: screen.grades_finished == 1, 10, "the Graded message")
        assert screen.results.verdict.startswith("FAIL (could not grade)")
        assert "the grading service went away" in screen.results.plain_text
        assert app.is_running and not screen.grading


async def test_keys_are_remapped_by_binding_id_from_settings_toml(home):
    from conftest import ScriptedGrading, passing_result

    home.mkdir(parents=True, exist_ok=True)
    (home / "settings.toml").write_text('lang = "en"\n\n[keys.exercise]\ngrade = "f9"\n', encoding="utf-8")
    service = ScriptedGrading(passing_result())
    app = scripted_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: hasattr(app.screen, "results"), 10, "the exercise screen")
        screen = app.screen
        await pilot.press("ctrl+r")
        await pilot.pause(0.3)
        assert service.calls == []                 # ctrl+r is not the grade key any more
        await pilot.press("f9")
        await wait_for(pilot, lambda: screen.grades_finished == 1, 10, "the grade")
        assert screen.results.verdict.startswith("PASS")


# -- the editor types like a Python editor; the solution view shows the differences -------------

async def test_the_indent_after_a_line_break_follows_python():
    from tutor.tui.widgets.editor import indent_after_break

    assert indent_after_break("def conv2d(x, weight):") == "    "
    assert indent_after_break("    for i in range(3):  # rows") == "        "
    assert indent_after_break("    y = x  # note: not a block") == "    "
    assert indent_after_break('    s = "a:"') == "    "
    assert indent_after_break('    s = "#":') == "        "          # the # is inside a string
    assert indent_after_break("        return out") == "    "
    assert indent_after_break("        return_value = 1") == "        "
    assert indent_after_break("pass") == ""
    assert indent_after_break("\tx = 1") == "\t"


async def test_changed_lines_are_the_lines_of_a_line_diff():
    from tutor.tui.widgets.editor import changed_lines

    mine = "def f(x):\n    y = x.flip(0)\n    return y\n"
    model = "def f(x):\n    y = x\n    return y   \n"
    assert changed_lines(mine, model) == {1}
    assert changed_lines(model, mine) == {1}
    assert changed_lines(mine, mine) == set()
    assert changed_lines(mine + "print(1)\n", mine) == {3}


async def test_enter_keeps_and_grows_the_indent_and_ctrl_home_end_move_to_the_ends():
    from conftest import ScriptedGrading

    app = scripted_app(ScriptedGrading())
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: hasattr(app.screen, "results"), 10, "the exercise screen")
        screen = app.screen
        area = screen.editor.text_area
        screen.editor.set_text("")
        await pilot.press(*"def f(x):", "enter", *"if x:", "enter", *"return 1", "enter", *"y = 2")
        assert screen.editor.text == "def f(x):\n    if x:\n        return 1\n    y = 2"
        await pilot.press("ctrl+home")
        assert area.cursor_location == (0, 0)
        await pilot.press("ctrl+end")
        assert area.cursor_location == area.document.end == (3, 9)
        await pilot.press("ctrl+z")                 # one undo takes back the last typing, not the file
        assert screen.editor.text.startswith("def f(x):")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_the_solution_view_shows_both_files_with_the_differences_highlighted(size):
    from conftest import ScriptedGrading, screen_text, style_at

    from tutor.tui.screens.exercise import SolutionScreen

    app = scripted_app(ScriptedGrading())
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: hasattr(app.screen, "results"), 10, "the exercise screen")
        app.store.record_attempt("conv2d", "pass", 0.1, source="tui")
        screen = app.screen
        flipped = SOLUTION + "\nprint('flipped on purpose')\n"
        screen.editor.set_text(flipped)
        await pilot.press("escape", "ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, SolutionScreen), 10, "the solution view")
        await pilot.pause()
        view = app.screen
        mine, model = view.query_one("#solution-mine"), view.query_one("#solution-model")
        assert mine.text == flipped and model.text == SOLUTION
        extra = flipped.splitlines().index("print('flipped on purpose')")
        assert extra in mine.changed and model.changed == set()
        text = screen_text(app)
        assert "differ from the model" in text and "the same lines" in text
        if size[0] < 100:                           # stacked: each file the whole width
            assert mine.region.width >= 76 and model.region.y > mine.region.y
        else:
            assert model.region.x > mine.region.x
        # The changed line has a band of its own colour; an unchanged one does not.
        mine.scroll_to(y=max(0, extra - 2), animate=False)
        await pilot.pause()
        rows = screen_text(app).splitlines()
        inside = range(mine.region.y, mine.region.bottom)
        row = next(y for y in inside if "flipped on purpose" in rows[y])
        x = rows[row].index("print")
        same = next(y for y in inside if y < row - 1 and len(rows[y][mine.region.x:mine.region.right].strip()) > 3)
        assert style_at(app, x, row).bgcolor != style_at(app, x, same).bgcolor


async def test_a_pane_picked_while_the_screen_opens_stays_in_front():
    """Picking a pane before the screen's own "Code" tab message arrived used to swap the two panes
    back and forth for ever (each stale TabActivated brought its pane back)."""
    from conftest import ScriptedGrading, wait_for_stable_frame

    app = scripted_app(ScriptedGrading(), start=None)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_exercise("conv2d")
        await wait_for(pilot, lambda: len(app.screen_stack) == 2 and app.screen.query("#results #result-details"),
                       10, "the exercise screen")
        app.screen.action_show_pane("results")
        await wait_for_stable_frame(pilot, timeout=10)
        assert app.screen.results.has_class("-front") and not app.screen.editor.has_class("-front")
