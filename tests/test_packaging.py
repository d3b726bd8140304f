"""A built wheel carries the whole course: install it elsewhere and use it without the checkout."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tutor.content import load_catalog

CHECKOUT = Path(__file__).resolve().parent.parent
SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "tutor", "lessons", "exercises")

pytestmark = pytest.mark.slow


def _copy_sources(target: Path) -> None:
    """Build from a copy: the shared checkout's build/ and egg-info stay untouched, and a stale
    build/ there cannot hide a file missing from the wheel."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "_bundled", "*.egg-info")
    for name in SOURCES:
        source = CHECKOUT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        elif source.exists():
            shutil.copy2(source, target / name)


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("packaging")


@pytest.fixture(scope="module")
def built_from(work) -> Path:
    """The copy of the checkout the wheel was built from. Tests compare against it, not the live
    checkout, which others may be editing while this runs."""
    return work / "src"


@pytest.fixture(scope="module")
def installed(work) -> Path:
    """The wheel, built and installed with `pip install --target`; returns the site folder."""
    source, dist, site = work / "src", work / "dist", work / "site"
    source.mkdir()
    _copy_sources(source)
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                            "--wheel-dir", str(dist), str(source)], capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    wheels = list(dist.glob("dltutor-*.whl"))
    assert len(wheels) == 1, wheels
    install = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet",
                              "--target", str(site), str(wheels[0])], capture_output=True, text=True, timeout=600)
    assert install.returncode == 0, install.stderr[-3000:]
    return site


def run_installed(site: Path, cwd: Path, *args: str, code: str | None = None,
                  extra: list[str] = ()) -> subprocess.CompletedProcess:
    """Run the installed copy from outside the checkout: PYTHONPATH puts it ahead of site-packages
    (where the checkout's editable install lives), -s keeps the user's site out. `extra` are the
    arguments of `code` (its sys.argv[1:])."""
    env = {k: v for k, v in os.environ.items() if k not in ("DLTUTOR_CONTENT", "PYTHONPATH")}
    env["PYTHONPATH"] = str(site)
    command = [sys.executable, "-s"] + (["-c", code] if code else ["-m", "tutor"]) + list(args) + list(extra)
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=env, timeout=300)


def test_the_installed_package_is_the_wheel_not_the_checkout(installed, tmp_path):
    result = run_installed(installed, tmp_path, code="import tutor, tutor.paths as p; print(tutor.__file__); "
                                                     "print(p.content_root())")
    assert result.returncode == 0, result.stderr
    package_file, content_root = map(Path, result.stdout.split())
    assert package_file.resolve().is_relative_to(installed.resolve())
    assert content_root.resolve() == (installed / "tutor" / "_bundled").resolve()


def test_every_lesson_and_exercise_is_in_the_wheel(installed, built_from, tmp_path):
    checkout = load_catalog(built_from)
    result = run_installed(installed, tmp_path, "list", "--json")
    assert result.returncode == 0, result.stderr
    listing = json.loads(result.stdout)
    assert [l["id"] for l in listing["lessons"]] == [l.id for l in checkout.lessons]
    assert sorted(e["id"] for e in listing["exercises"]) == sorted(checkout.exercises)
    assert {l["id"]: l["has_quiz"] for l in listing["lessons"]} == {l.id: l.quiz_path is not None for l in checkout.lessons}
    # Every file of the course made it, byte for byte (mistake variants, checks, quizzes included).
    bundled = installed / "tutor" / "_bundled"
    for folder in ("lessons", "exercises"):
        for path in (built_from / folder).rglob("*"):
            if path.is_file():
                copy = bundled / path.relative_to(built_from)
                assert copy.is_file(), f"{path.relative_to(built_from)} is missing from the wheel"
                assert copy.read_bytes() == path.read_bytes()


def test_installed_lesson_reads(installed, built_from, tmp_path):
    lessons = load_catalog(built_from).lessons
    if not lessons:
        pytest.skip("the checkout has no lessons yet")
    first = lessons[0]
    result = run_installed(installed, tmp_path, "lesson", first.id, "--all")
    assert result.returncode == 0, result.stderr
    assert first.sections[-1].title in result.stdout


def test_installed_start_works_for_every_exercise(installed, built_from, tmp_path):
    checkout = load_catalog(built_from)
    if not checkout.exercises:
        pytest.skip("the checkout has no exercises yet")
    home = Path(os.environ["DLTUTOR_HOME"])
    first, *others = checkout.exercises.values()
    # The first as a learner types it, `python -m tutor start ID`; the others through the same
    # installed main(argv), one after another in one process (a Python start each cost ~0.3 s × 40).
    started = {first.id: run_installed(installed, tmp_path, "start", first.id)}
    batch = run_installed(installed, tmp_path, code=(
        "import contextlib, io, json, sys\n"
        "from tutor.cli import main\n"
        "for exercise_id in sys.argv[1:]:\n"
        "    out, err = io.StringIO(), io.StringIO()\n"
        "    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):\n"
        "        code = main(['start', exercise_id])\n"
        "    print(json.dumps([exercise_id, code, out.getvalue(), err.getvalue()]))\n"),
        extra=[exercise.id for exercise in others])
    assert batch.returncode == 0, batch.stderr
    for line in batch.stdout.splitlines():
        exercise_id, code, out, err = json.loads(line)
        started[exercise_id] = subprocess.CompletedProcess([], code, out, err)
    assert sorted(started) == sorted(checkout.exercises)
    for exercise in checkout.exercises.values():
        result = started[exercise.id]
        assert result.returncode == 0, result.stderr
        path = Path(result.stdout.splitlines()[0])
        assert path == home / "workspace" / f"{exercise.id}.py"
        assert path.read_bytes() == exercise.starter.read_bytes()


def test_the_message_catalogue_is_in_the_wheel_and_speaks_chinese(installed, tmp_path, monkeypatch):
    assert (installed / "tutor" / "locale" / "zh" / "LC_MESSAGES" / "dltutor.mo").is_file()
    monkeypatch.setenv("DLTUTOR_LANG", "zh")
    result = run_installed(installed, tmp_path, code="from tutor.i18n.catalog import _, LOCALE_DIR; "
                                                     "print(_('Correct.')); print(LOCALE_DIR)")
    assert result.returncode == 0, result.stderr
    word, folder = result.stdout.split()
    assert word == "正确。" and Path(folder).resolve().is_relative_to(installed.resolve())
