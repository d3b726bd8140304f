"""The foundation commands: version, list, lesson, start/reset, doctor, and start-up cost."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import tutor
from tutor.cli import main
from tutor.progress import open_store

HEAVY = ("torch", "torchvision", "numpy")


def run_cli(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tutor", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=120)


# -- start-up cost: nothing heavy on the way to --version and list ------------------------------

IMPORT_PROBE = """
import sys
from tutor.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exit:                # --version exits through argparse
    code = exit.code
print("HEAVY", *[name for name in {heavy!r} if name in sys.modules], file=sys.stderr)
sys.exit(code)
"""


@pytest.mark.parametrize("argv", [["--version"], ["list", "--json"], ["list"]])
def test_startup_commands_import_no_torch_or_numpy(argv, use_fake_content, tmp_path):
    probe = IMPORT_PROBE.format(heavy=HEAVY)
    result = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True,
                            cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    heavy_line = [l for l in result.stderr.splitlines() if l.startswith("HEAVY")]
    assert heavy_line == ["HEAVY"], f"{argv} imported {heavy_line}"


def test_import_tutor_cli_imports_no_torch_or_numpy(tmp_path):
    result = subprocess.run([sys.executable, "-X", "importtime", "-c", "import tutor.cli"],
                            capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert "tutor.cli" in imported                       # the probe is looking at the right thing
    assert not imported & set(HEAVY)


def test_version_in_a_subprocess(tmp_path):
    result = run_cli("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"dltutor {tutor.__version__}"
    script = Path(sys.executable).with_name("dltutor")
    if script.exists():                                  # the console script, where installed
        result = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=120)
        assert result.stdout.strip() == f"dltutor {tutor.__version__}"


# -- list --------------------------------------------------------------------------------------------

def test_list_json_contract(use_fake_content, capsys):
    store = open_store()
    store.record_attempt("conv2d", "fail")
    store.record_attempt("activations", "pass")
    store.close()
    assert main(["list", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    assert set(listing) == {"lessons", "exercises"}
    lessons = {l["id"]: l for l in listing["lessons"]}
    assert list(lessons) == ["basics", "convnets"]
    assert lessons["convnets"]["title"] == "Convolutional networks"
    assert lessons["convnets"]["exercises"] == ["conv2d", "max_pool2d"]
    exercises = {e["id"]: e for e in listing["exercises"]}
    assert list(exercises) == ["activations", "conv2d", "max_pool2d"]      # in course order
    for exercise in listing["exercises"]:
        assert {"id", "title", "lesson", "status"} <= set(exercise)
    assert exercises["conv2d"]["lesson"] == "convnets" and exercises["conv2d"]["title"] == "Conv2D"
    assert {k: e["status"] for k, e in exercises.items()} == {
        "activations": "passed", "conv2d": "attempted", "max_pool2d": "not started"}


def test_list_json_in_a_subprocess_reads_dltutor_content(use_fake_content, tmp_path):
    result = run_cli("list", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [l["id"] for l in json.loads(result.stdout)["lessons"]] == ["basics", "convnets"]


def test_list_table(use_fake_content, capsys):
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    for text in ("Convolutional networks", "conv2d", "max_pool2d", "activations", "0/3 exercises passed"):
        assert text in out


def test_list_table_mentions_broken_content(use_fake_content, capsys):
    use_fake_content.edit("exercises/max_pool2d/exercise.toml", 'id = "max_pool2d"', 'id = "maxpool"')
    assert main(["list"]) == 0
    captured = capsys.readouterr()
    assert "0/2 exercises passed" in captured.out
    assert "1 problem in the course content" in captured.err and "dltutor validate" in captured.err


# -- unknown ids --------------------------------------------------------------------------------------

@pytest.mark.parametrize("argv, suggestion", [
    (["start", "conv2e"], "Did you mean 'conv2d'"),
    (["reset", "max_pool"], "Did you mean 'max_pool2d'"),
    (["lesson", "convnet"], "Did you mean 'convnets'"),
])
def test_unknown_id_exits_2_with_a_suggestion(use_fake_content, capsys, argv, suggestion):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert suggestion in err and "Traceback" not in err


def test_unknown_id_exit_code_in_a_subprocess(use_fake_content, tmp_path):
    result = run_cli("start", "conv2e", cwd=tmp_path)
    assert result.returncode == 2
    assert "Did you mean 'conv2d'" in result.stderr and "Traceback" not in result.stderr


# -- start and reset ----------------------------------------------------------------------------------

def test_start_copies_the_starter_and_never_overwrites(use_fake_content, dltutor_home, capsys):
    starter = use_fake_content.exercises / "conv2d" / "starter.py"
    target = dltutor_home / "workspace" / "conv2d.py"
    assert main(["start", "conv2d"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == str(target)
    assert target.read_bytes() == starter.read_bytes()
    target.write_text("def conv2d(x):\n    return 'my work'\n")
    assert main(["start", "conv2d"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == str(target)
    assert "my work" in target.read_text()
    assert [p.name for p in target.parent.iterdir()] == ["conv2d.py"]        # no temporary files left


def test_reset_keeps_backups_and_restores_the_starter(use_fake_content, dltutor_home, capsys, monkeypatch):
    import tutor.workspace

    # Freeze the clock's stamp: two resets "in the same second", whatever the machine's speed.
    monkeypatch.setattr(tutor.workspace.time, "strftime", lambda fmt, *a: "20250101-120000")
    starter = (use_fake_content.exercises / "conv2d" / "starter.py").read_text()
    target = dltutor_home / "workspace" / "conv2d.py"
    assert main(["reset", "conv2d"]) == 0                # nothing to back up yet
    assert target.read_text() == starter and "kept as" not in capsys.readouterr().out
    versions = ["first try\n", "second try\n"]
    for version in versions:
        target.write_text(version)
        assert main(["reset", "conv2d"]) == 0
        assert target.read_text() == starter
    out = capsys.readouterr().out
    backups = sorted((dltutor_home / "workspace" / "backups").iterdir())
    assert len(backups) == 2
    assert sorted(b.read_text() for b in backups) == versions
    for backup in backups:
        assert backup.name.startswith("conv2d-20250101-120000") and str(backup) in out


def test_start_in_a_subprocess_prints_the_path(use_fake_content, dltutor_home, tmp_path):
    result = run_cli("start", "max_pool2d", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.splitlines()[0])
    assert path == dltutor_home / "workspace" / "max_pool2d.py" and path.exists()


# -- lesson ---------------------------------------------------------------------------------------------

def test_lesson_all_prints_every_section_and_records_the_position(use_fake_content, capsys):
    assert main(["lesson", "convnets", "--all"]) == 0
    out = capsys.readouterr().out
    for title in ("Convolutional networks", "Cross-correlation", "Pooling", "1/3", "3/3",
                  "dltutor start conv2d", "dltutor demo cnn", "dltutor quiz convnets"):
        assert title in out, title
    store = open_store()
    assert store.lesson_positions()["convnets"]["section"] == 2
    assert store.lesson_positions()["convnets"]["sections"] == 3
    assert store.last_position() == ("convnets", 2)
    store.close()


def test_lesson_by_number_and_section(use_fake_content, capsys):
    assert main(["lesson", "5", "--section", "3"]) == 0
    out = capsys.readouterr().out
    assert "Pooling" in out and "Cross-correlation" not in out


@pytest.mark.parametrize("section", ["0", "-1", "4"])
def test_lesson_section_out_of_range_is_a_usage_error(use_fake_content, capsys, section):
    assert main(["lesson", "convnets", "--section", section]) == 2
    assert "sections 1 to 3" in capsys.readouterr().err


# -- doctor and python -m tutor -----------------------------------------------------------------------

def test_doctor_json(dltutor_home, capsys):
    assert main(["doctor", "--json"]) == 0
    facts = json.loads(capsys.readouterr().out)
    import torch

    assert facts["python"] == ".".join(map(str, sys.version_info[:3]))
    assert facts["torch"] == torch.__version__
    assert facts["cuda_available"] is torch.cuda.is_available()
    assert facts["state_folder"] == str(dltutor_home)
    assert facts["cifar10_present"] is False
    cifar = dltutor_home / "data" / "cifar-10-batches-py"
    cifar.mkdir(parents=True)
    for name in ("data_batch_1", "test_batch"):
        (cifar / name).write_bytes(b"")
    assert main(["doctor", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["cifar10_present"] is True


def test_python_dash_m_tutor(tmp_path):
    result = run_cli("--help", cwd=tmp_path)
    assert result.returncode == 0
    for command in ("list", "lesson", "start", "reset", "doctor", "validate"):
        assert command in result.stdout
