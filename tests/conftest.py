"""Shared fixtures: every test gets its own $DLTUTOR_HOME, and a small fake course on request.

Also plain helpers the TUI tests import (`from conftest import wait_for`): waiting for a
condition in a Pilot session instead of for a fixed time, the text on screen, and the WCAG
contrast ratio of two colours.
"""
from __future__ import annotations

import asyncio
import contextlib
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tutor.content.catalog import shipped_catalog
from tutor.i18n.lang import clear_language

CHECKOUT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def dltutor_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$DLTUTOR_HOME is this test's tmp_path (subprocesses inherit it); the content is the shipped
    one unless a test points DLTUTOR_CONTENT elsewhere. The catalog cache is cleared around each
    test so a fake content root never leaks into the next one."""
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path))
    monkeypatch.delenv("DLTUTOR_CONTENT", raising=False)
    # `dltutor check` would leave a warm grading daemon behind in every test's home: tests that
    # are about the daemon turn it back on (tests/test_grading_daemon.py).
    monkeypatch.setenv("DLTUTOR_NO_DAEMON", "1")
    # English unless a test asks for Chinese: a zh_CN machine must not change what tests read.
    monkeypatch.setenv("DLTUTOR_LANG", "en")
    clear_language()
    shipped_catalog.cache_clear()
    yield tmp_path
    clear_language()
    shipped_catalog.cache_clear()


# -- the language a test reads in -----------------------------------------------------------------

@pytest.fixture
def zh(monkeypatch: pytest.MonkeyPatch):
    """This test reads Chinese (as `DLTUTOR_LANG=zh` would make it)."""
    monkeypatch.setenv("DLTUTOR_LANG", "zh")
    clear_language()
    yield
    clear_language()


@pytest.fixture
def en(monkeypatch: pytest.MonkeyPatch):
    """This test reads English, whatever the machine's locale."""
    monkeypatch.setenv("DLTUTOR_LANG", "en")
    clear_language()
    yield
    clear_language()


# -- a fake course ------------------------------------------------------------------------------

def _lesson(lesson_id: str, title: str, order: int, exercises: list[str], body: str, demo: str | None = None) -> str:
    header = [f'id = "{lesson_id}"', f'title = "{title}"', f"order = {order}",
              "exercises = [" + ", ".join(f'"{e}"' for e in exercises) + "]"]
    if demo:
        header.append(f'demo = "{demo}"')
    header.append(f'summary = "The {title.lower()} lesson."')
    return "+++\n" + "\n".join(header) + "\n+++\n" + textwrap.dedent(body).lstrip("\n")


BASICS = _lesson("basics", "Basics", 1, ["activations"], """
    # Basics

    Opening words before the first heading.

    ## Activations

    σ(x) = 1/(1+e^(−x)).

    ```python
    ## this is a comment inside code, not a heading
    print("hi")
    ```

    ## Try it

    Run the exercise.
    """, demo="gd")

CONVNETS = _lesson("convnets", "Convolutional networks", 5, ["conv2d", "max_pool2d"], """
    # Convolutional networks

    Filters slide over images.

    ## Cross-correlation

    ~~~
    ## not a heading either
    ~~~

    ## Pooling

    Take the maximum of each window.
    """, demo="cnn")

QUIZ = textwrap.dedent("""\
    lesson = "convnets"

    [[question]]
    kind = "choice"
    prompt = "What does F.conv2d compute?"
    choices = ["convolution", "cross-correlation"]
    answer = 1
    explanation = "The kernel is not flipped."

    [[question]]
    kind = "numeric"
    prompt = "Parameters of nn.Conv2d(3, 6, 5)?"
    answer = 456
    verify = "sum(p.numel() for p in nn.Conv2d(3, 6, 5).parameters())"
    explanation = "6·3·5·5 + 6."

    [[question]]
    kind = "generated"
    generator = "conv_output_shape"
    """)


# The same course in Chinese, in part: the zh overlay tests and the zh snapshots lay these over it.
ZH_BASICS = textwrap.dedent("""\
    +++
    id = "basics"
    title = "基础"
    order = 1
    exercises = ["activations"]
    demo = "gd"
    summary = "基础一课。"
    +++
    # 基础

    第一个标题之前的开场白。

    ## 激活函数

    σ(x) = 1/(1+e^(−x))。

    ```python
    ## this is a comment inside code, not a heading
    print("hi")
    ```

    ## 动手试试

    运行练习。
    """)

ZH_QUIZ = textwrap.dedent("""\
    lesson = "convnets"

    [[question]]
    kind = "choice"
    prompt = "F.conv2d 计算的是什么？"
    choices = ["卷积", "互相关"]
    explanation = "卷积核不翻转。"

    [[question]]
    kind = "numeric"
    prompt = "nn.Conv2d(3, 6, 5) 有多少个参数？"
    explanation = "6·3·5·5 + 6。"

    [[question]]
    kind = "generated"
    generator = "conv_output_shape"
    """)

ZH_CONV2D = textwrap.dedent("""\
    title = "二维卷积"
    hints = ["轻轻一推。", "概念。", "几乎就是答案。"]

    [mistakes.flipped_kernel]
    title = "卷积核被翻转"
    explanation = "你把卷积核翻转了。"
    """)


def _manifest(exercise_id: str, lesson: str, functions: list[str], mistakes: dict[str, str] | None = None) -> str:
    lines = [f'id = "{exercise_id}"', f'title = "{exercise_id.replace("_", " ").title()}"', f'lesson = "{lesson}"',
             "order = 1", "functions = [" + ", ".join(f'"{f}"' for f in functions) + "]",
             'forbidden = ["torch.nn.functional.conv2d"]', "timeout = 10", "hints = [",
             '  "A nudge.",', '  "The concept.",', '  "Nearly the answer.",', "]"]
    for mistake_id, explanation in (mistakes or {}).items():
        lines += ["", f"[mistakes.{mistake_id}]", f'title = "{mistake_id}"', f'explanation = "{explanation}"']
    return "\n".join(lines) + "\n"


def _python(functions: list[str], body: str) -> str:
    return "\n\n".join(f"def {name}(x):\n    {body}\n" for name in functions)


EXERCISES = {
    "activations": ("basics", ["sigmoid", "relu"], {}),
    "conv2d": ("convnets", ["conv2d"], {"flipped_kernel": "You flipped the kernel."}),
    "max_pool2d": ("convnets", ["max_pool2d"], {}),
}


@dataclass
class FakeContent:
    """A small, valid course on disk; tests break one file and look at the error."""
    root: Path

    @property
    def lessons(self) -> Path:
        return self.root / "lessons"

    @property
    def exercises(self) -> Path:
        return self.root / "exercises"

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def edit(self, relative: str, old: str, new: str) -> Path:
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return path

    def line_of(self, relative: str, fragment: str) -> int:
        for number, line in enumerate((self.root / relative).read_text(encoding="utf-8").splitlines(), 1):
            if fragment in line:
                return number
        raise AssertionError(f"{fragment!r} not in {relative}")


def build_fake_content(root: Path) -> FakeContent:
    content = FakeContent(root)
    content.write("lessons/01-basics.md", BASICS)
    content.write("lessons/05-convnets.md", CONVNETS)
    content.write("lessons/05-convnets.quiz.toml", QUIZ)
    content.write("lessons/FORMAT.md", "# Not a lesson: the loader ignores this file.\n")
    for exercise_id, (lesson, functions, mistakes) in EXERCISES.items():
        folder = f"exercises/{exercise_id}"
        content.write(f"{folder}/exercise.toml", _manifest(exercise_id, lesson, functions, mistakes))
        content.write(f"{folder}/starter.py", f"# starter for {exercise_id}\n" + _python(functions, "raise NotImplementedError"))
        content.write(f"{folder}/solution.py", _python(functions, "return x"))
        content.write(f"{folder}/checks.py", "CASES = []\n")
        for mistake_id in mistakes:
            content.write(f"{folder}/mistakes/{mistake_id}.py", _python(functions, "return -x"))
    return content


@pytest.fixture
def fake_content(tmp_path: Path) -> FakeContent:
    """A valid fake course under tmp_path/content (not the shipped one, which is still being written)."""
    return build_fake_content(tmp_path / "content")


@pytest.fixture
def use_fake_content(fake_content: FakeContent, monkeypatch: pytest.MonkeyPatch) -> FakeContent:
    """The fake course, made the course that `dltutor` commands (in-process and subprocess) read."""
    monkeypatch.setenv("DLTUTOR_CONTENT", str(fake_content.root))
    shipped_catalog.cache_clear()
    return fake_content


# -- Pilot helpers ------------------------------------------------------------------------------

async def wait_for(pilot, condition: Callable[[], object], timeout: float = 30.0, what: str = "condition") -> None:
    """Let the app run until `condition()` is true (checked every 50 ms), or fail after `timeout`
    seconds. Waiting for what the test needs, not for a fixed time, keeps Pilot tests and
    snapshots right however loaded the machine is."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        await pilot.pause(0.05)


async def settle(pilot) -> None:
    """Wait until the app has processed its messages and painted a frame (no timers awaited)."""
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()
    await pilot.app.animator.wait_until_complete()
    await pilot.pause()


async def wait_for_stable_frame(pilot, timeout: float = 30.0, quiet_frames: int = 3) -> None:
    """Wait until the screen looks the same (text and colours) `quiet_frames` times in a row, 50 ms
    apart: mounts, Markdown rendering and layout have all landed. What a snapshot should wait for,
    rather than a fixed pause that a loaded machine (pytest -n 2) outruns."""
    app = pilot.app
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    await pilot.wait_for_scheduled_animations()
    last, same = None, 0
    while same < quiet_frames:
        if loop.time() > deadline:
            raise AssertionError(f"the screen kept changing for {timeout} s")
        await pilot.pause(0.05)
        frame = app.export_screenshot()
        same = same + 1 if frame == last else 0
        last = frame


def screen_text(app) -> str:
    """The characters on the app's screen, one line per row (what a learner sees, minus colour)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


@pytest.fixture
def snapshot_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$DLTUTOR_HOME for a snapshot: its own folder (so `pytest -n 2` workers never share a
    progress database), shown on screen as the same "~/.dltutor/…" in every run ($HOME is
    this test's folder too)."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path / ".dltutor"))
    return tmp_path / ".dltutor"


# -- colours ------------------------------------------------------------------------------------

def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""
    r, g, b = (_linear(channel) for channel in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: tuple[int, int, int], background: tuple[int, int, int]) -> float:
    """WCAG 2.x contrast ratio, 1…21; AA asks 4.5 for body text."""
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def style_at(app, x: int, y: int):
    """The rich Style of the cell at column x, row y of the app's screen, as rendered."""
    strip = app.screen._compositor.render_strips()[y]
    column = 0
    for segment in strip:
        column += segment.cell_length
        if column > x:
            return segment.style
    raise IndexError(f"no cell at ({x}, {y})")


def text_contrast(app, widget, text: str) -> float:
    """The contrast ratio of the first cell of `text` inside `widget`'s region, as rendered."""
    region = widget.region
    rows = screen_text(app).splitlines()
    for y in range(region.y, region.bottom):
        x = rows[y].find(text, region.x, region.right)
        if x >= 0:
            style = style_at(app, x, y)
            return contrast_ratio(style.color.get_truecolor(), style.bgcolor.get_truecolor())
    raise AssertionError(f"{text!r} is not inside {widget!r}")


# -- one warm grading service for the session ----------------------------------------------------

def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that grades in the session's warm service or daemon waits, the first time, for torch to
    load in it (10–20 s on a busy machine): it is slow, so `pytest -m "not slow"` stays quick. CI runs them all."""
    for item in items:
        if {"warm_grading_service", "warm_daemon"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


class _WarmService:
    """The session's warm grading service and its home (see `warm_grading_service`)."""

    def __init__(self) -> None:
        import os
        import tempfile

        from tutor.grading.client import GradingService

        self.home = Path(tempfile.mkdtemp(prefix=".dltutor-warm-service-home-", dir=Path.home()))
        (self.home / "workspace").mkdir()
        env = dict(os.environ, DLTUTOR_HOME=str(self.home), DLTUTOR_LANG="en")
        env.pop("DLTUTOR_CONTENT", None)
        self.service = GradingService(env=env)
        self.service.start()            # does not wait: the first grade waits for torch

    def close(self) -> None:
        import shutil

        self.service.close()
        shutil.rmtree(self.home, ignore_errors=True)


@contextlib.contextmanager
def _daemon_home(home: Path):
    """This process's environment, for a while, as a `dltutor check` with the daemon on in `home` sees it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DLTUTOR_HOME", str(home))
        patch.delenv("DLTUTOR_NO_DAEMON", raising=False)
        patch.delenv("DLTUTOR_CONTENT", raising=False)
        yield patch


class _WarmDaemon:
    """The session's warm grading daemon and its home (see `warm_daemon`), started in English on the
    shipped course, with a long idle limit so that a quiet stretch of the suite does not end it (if it
    does, the next check simply starts another)."""

    def __init__(self) -> None:
        import tempfile

        from tutor.grading import daemon

        self.home = Path(tempfile.mkdtemp(prefix="dltutor-warm-daemon-"))
        with _daemon_home(self.home) as patch:
            patch.setenv("DLTUTOR_DAEMON_IDLE", "1800")
            patch.setenv("DLTUTOR_LANG", "en")
            self.process = daemon.start()   # does not wait: `ready()` does

    def ready(self) -> Path:
        from tutor.grading import daemon

        with _daemon_home(self.home):
            daemon.wait_ready(self.process)
        return self.home

    def close(self) -> None:
        import shutil

        from tutor.grading import daemon

        with _daemon_home(self.home):
            daemon.stop()
        if self.process.poll() is None:
            self.process.wait(timeout=30)
        shutil.rmtree(self.home, ignore_errors=True)


_WARM: dict[str, object] = {}
_WARM_KINDS = {"warm_grading_service": _WarmService, "_warm_daemon_home": _WarmDaemon}


def _warm(fixture: str):
    if fixture not in _WARM:
        _WARM[fixture] = _WARM_KINDS[fixture]()
    return _WARM[fixture]


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start the warm service and daemon now, in the background, when a selected test will use them:
    torch loads in them while the first tests run (a serial run leaves the second core idle), instead
    of while the first test that grades waits. Not in a pytest-xdist worker, whose tests are not known
    yet: there they start when first asked for."""
    if hasattr(session.config, "workerinput") or session.config.option.collectonly:
        return
    used = set()
    for item in session.items:
        used.update(getattr(item, "fixturenames", ()))
    for fixture in _WARM_KINDS:
        if fixture in used:
            _warm(fixture)


def pytest_sessionfinish(session: pytest.Session) -> None:
    while _WARM:
        _, warm = _WARM.popitem()
        warm.close()


@pytest.fixture(scope="session")
def warm_grading_service():
    """One warm grading service (the app's, default settings) for every test, in any file, that only
    needs one to grade with: each start imports torch twice (the service and its fork-server), 10–20 s
    on a busy 2-core machine. It has its own $DLTUTOR_HOME and starts in English (each request names
    its language). Tests about starting or closing a service, or about other settings, start their own.
    A test that kills it costs only time: the next grade starts it again (GradingService restarts a
    dead process). Wrap it in `SharedGrading` before giving it to an app, whose exit closes its service.
    Its home (service.env["DLTUTOR_HOME"], with a workspace/) is outside /tmp, as a learner's is: learner
    code gets a private /tmp, which would hide what a hostile file does to the state folder. Started
    when the tests are collected (pytest_collection_finish), closed when the session ends."""
    return _warm("warm_grading_service").service


@pytest.fixture(scope="session")
def _warm_daemon_home() -> Path:
    """The home whose grading daemon serves the whole session (see `warm_daemon`), once it answers.
    Started when the tests are collected (pytest_collection_finish), stopped when the session ends."""
    return _warm("_warm_daemon_home").ready()


@pytest.fixture
def warm_daemon(_warm_daemon_home: Path, dltutor_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`dltutor check` in this test (a real CLI process) grades through the session's warm daemon,
    as a learner's second check does: this test's $DLTUTOR_HOME/run, where the client looks for the
    daemon's socket, is the warm home's. A check then costs a Python start, not torch imported twice
    (the CLI and its fork-server); progress, workspace and settings stay in this test's own home, and
    each request names its language. For tests about what `check` says and records on the shipped
    course; the daemon's own life and grading in-process are tests/test_grading_daemon.py's. A test
    that moves $DLTUTOR_HOME links its `run` the same way (returns the warm home's run folder)."""
    run = _warm_daemon_home / "run"
    (dltutor_home / "run").symlink_to(run, target_is_directory=True)
    monkeypatch.delenv("DLTUTOR_NO_DAEMON", raising=False)
    return run


class SharedGrading:
    """The session's warm service as an app's grading service: the app's close() on exit leaves it
    running for the next test."""

    def __init__(self, service) -> None:
        self.service = service

    def __getattr__(self, name):
        return getattr(self.service, name)

    def close(self) -> None:
        pass


# -- processes started ahead of the tests that read them -----------------------------------------

class Ahead:
    """A process a module fixture starts before the module's tests run, for a test that reads what it
    printed later: a serial run leaves the machine's second core idle, and a fresh interpreter spends
    seconds importing torch there while the tests before go on. `result()` waits for it; `close()`
    ends it if no test read it (a -k selection)."""

    def __init__(self, args: list[str], **popen) -> None:
        import subprocess

        self.process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)
        self._done = None

    def result(self, timeout: float):
        import subprocess

        if self._done is None:
            stdout, stderr = self.process.communicate(timeout=timeout)
            self._done = subprocess.CompletedProcess(self.process.args, self.process.returncode, stdout, stderr)
        return self._done

    def close(self) -> None:
        if self._done is None:
            if self.process.poll() is None:
                self.process.kill()
            self.process.communicate()


# -- a grading service without torch ------------------------------------------------------------

class ScriptedGrading:
    """Stands in for the app's GradingService where a test is about the screen, not the grader:
    call number i of `grade` answers with replies[i] (a dict, or an exception to raise). With
    `gated=True` each call waits until the test calls `release(i)`, or until `cancel()`, which
    makes the waiting call answer {"cancelled": True} as the real service does."""

    ready = True
    running = True

    def __init__(self, *replies: object, gated: bool = False) -> None:
        self.replies = list(replies)
        self.gated = gated
        self.calls: list[tuple[str, object, object]] = []
        self.gates: list = []
        self.cancelled: list[bool] = []
        self.waiting = 0

    @property
    def busy(self) -> bool:
        return self.waiting > 0

    def start(self) -> None:
        pass

    def close(self) -> None:
        for gate in self.gates:
            gate.set()

    def release(self, call: int = -1) -> None:
        self.gates[call].set()

    def cancel(self) -> None:
        if self.gates:
            self.cancelled[-1] = True
            self.gates[-1].set()

    def grade(self, exercise_id: str, path, seed=None) -> dict:
        import threading

        number = len(self.calls)
        self.calls.append((exercise_id, path, seed))
        self.gates.append(threading.Event())
        self.cancelled.append(False)
        reply = self.replies[number] if number < len(self.replies) else {"error": "no scripted reply left"}
        self.waiting += 1
        try:
            if self.gated:
                self.gates[number].wait(timeout=30)
            if self.cancelled[number]:
                return {"cancelled": True}
            if isinstance(reply, BaseException):
                raise reply
            return reply
        finally:
            self.waiting -= 1


def passing_result(name: str = "matches the reference", seed: int = 1) -> dict:
    """A grader result with every check passed, as the service sends it."""
    return {"status": "pass", "tests": [{"name": name, "status": "pass", "message": ""}], "seed": seed,
            "duration_s": 0.01}


def make_app(start: str | None = None):
    """The real app, opened at `start` (a lesson or exercise id) or at Home."""
    from tutor.tui.app import DLTutorApp

    return DLTutorApp(start=start)


class NoGrading:
    """For tests that never grade: keeps torch out of the app's process tree."""

    running = busy = False

    def start(self) -> None:
        pass

    def cancel(self) -> None:
        pass

    def close(self) -> None:
        pass


def make_app_without_grading():
    """The real app at Home, with NoGrading in place of its grading service."""
    app = make_app()
    app.grading = NoGrading()
    return app


@pytest.fixture
def one_torch_thread():
    """torch on one thread for the test (small tensors: faster, and steady on a busy machine)."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def close(got: object, expected: object) -> bool:
    """Equal to the printed precision (4 decimals): how a doctest's shown value is compared with the solution's."""
    import torch

    if isinstance(got, Exception) or isinstance(expected, Exception):
        return False
    if isinstance(expected, (tuple, list)):
        return (isinstance(got, (tuple, list)) and len(got) == len(expected)
                and all(close(g, e) for g, e in zip(got, expected)))
    if isinstance(expected, torch.Size):
        return tuple(got) == tuple(expected) if isinstance(got, (torch.Size, tuple)) else False
    if isinstance(expected, (torch.Tensor, float, int)) and not isinstance(expected, bool):
        try:
            g = torch.as_tensor(got, dtype=torch.float64)
        except (TypeError, ValueError, RuntimeError):
            return False
        e = torch.as_tensor(expected, dtype=torch.float64)
        return g.shape == e.shape and bool(torch.allclose(g, e, rtol=1e-4, atol=1.5e-4, equal_nan=True))
    return got == expected
