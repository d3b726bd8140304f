"""The demo runner subprocess, the DemoProcess client and the `dltutor demo` command."""
from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from tutor.demos.config import ConfigError
from tutor.demos.process import DemoProcess, group_members, wait_for_group_exit


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path / "home"))


def strict_loads(line: str) -> dict:
    def reject(constant):
        raise ValueError(f"not strict JSON: {constant}")
    return json.loads(line, parse_constant=reject)


def test_runner_bad_options_exit_2_with_an_error_event():
    result = subprocess.run([sys.executable, "-m", "tutor.demos.runner", "gan", "--surface", "ravine"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    event = strict_loads(result.stdout.splitlines()[-1])
    assert event["type"] == "error" and "--surface" in event["message"]


def test_cli_json_passes_the_lines_through_with_a_cnn_summary(capsys):
    from tutor.cli import main

    code = main(["demo", "cnn", "--json", "--data", "shapes", "--train-size", "256", "--test-size", "50",
                 "--batch-size", "32", "--steps", "8", "--threads", "1", "--no-pictures"])
    out = capsys.readouterr().out
    assert code == 0
    parsed = [strict_loads(line) for line in out.splitlines()]
    summary = parsed[-1]
    assert summary["type"] == "summary"
    for key in ("demo", "device", "wall_s", "final_loss", "images_per_s", "test_accuracy"):
        assert key in summary, key
    assert summary["demo"] == "cnn" and summary["device"] == "cpu"


def test_cli_cifar_absent_names_the_folder_and_the_offline_alternative(tmp_path, capsys):
    from tutor.cli import main

    code = main(["demo", "cnn", "--data", "cifar10", "--data-dir", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 1
    assert str(tmp_path / "cifar-10-batches-py") in err
    assert "--data shapes" in err


def test_cli_usage_errors_exit_2(capsys):
    from tutor.cli import main

    assert main(["demo", "nonsense"]) == 2
    assert "unknown demo 'nonsense'" in capsys.readouterr().err
    assert main(["demo", "gd", "--recipe", "article"]) == 2
    assert "--recipe does not apply to the gd demo" in capsys.readouterr().err


class FakeProcess:
    """Stands in for DemoProcess: canned events, no subprocess."""

    demo = "gd"

    def __init__(self, stream):
        self.stream = stream

    def events(self):
        yield from self.stream


def test_cli_human_mode_draws_progress_metrics_pictures_and_summary(capsys):
    from tutor.commands.demo import _run_rich
    from tutor.demos import events

    tile = events.tile([[[255, 0, 0]] * 8, [[0, 255, 0]] * 8], "a label")
    stream = [events.text("starting [not markup]"), events.progress(1, 2), events.metric(1, {"loss": 2.5}),
              events.picture("paths", "the paths", [tile], 1), events.progress(2, 2), events.metric(2, {"loss": 1.25}),
              events.summary("gd", "cpu", 0.5, 1.25, surface="ravine")]
    assert _run_rich(FakeProcess(stream)) == 0
    out = capsys.readouterr().out
    assert "starting [not markup]" in out
    assert "loss 2.5000" in out and "loss 1.2500" in out
    assert "the paths" in out and "▀" * 8 in out and "a label" in out
    assert "gd — summary" in out and "final loss" in out and "ravine" in out


def test_cli_human_mode_reports_an_error_event(capsys):
    from tutor.commands.demo import _run_rich

    stream = [{"type": "error", "kind": "data", "message": "no data in /some/where"}]
    assert _run_rich(FakeProcess(stream)) == 1
    assert "no data in /some/where" in capsys.readouterr().err


def test_demo_process_rejects_bad_options_before_starting():
    with pytest.raises(ConfigError, match="does not apply"):
        DemoProcess("gan", recipe="article")
    with pytest.raises(ConfigError, match="unknown demo"):
        DemoProcess("nope")
    with pytest.raises(ConfigError, match="unknown demo option"):
        DemoProcess("gd", colour="red")


def test_a_child_that_dies_becomes_an_error_event(tmp_path):
    # An "interpreter" that prints to stderr and exits 3 stands in for a crashed runner.
    fake_python = tmp_path / "python"
    fake_python.write_text("#!/bin/sh\necho 'Segmentation fault' >&2\nexit 3\n")
    fake_python.chmod(0o755)
    with DemoProcess("gd", steps=3, python=str(fake_python)) as demo:
        events = list(demo.events())
    assert len(events) == 1 and events[0]["type"] == "error"
    assert "exit status 3" in events[0]["message"] and "Segmentation fault" in events[0]["message"]


def test_startup_path_stays_light():
    code = ("import sys, tutor.cli; tutor.cli.build_parser(); import tutor.commands.demo, tutor.demos.process, "
            "tutor.pictures; heavy = [m for m in ('torch', 'numpy', 'torchvision') if m in sys.modules]; "
            "print(heavy); sys.exit(1 if heavy else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_stopping_mid_run_leaves_no_process_behind():
    # The article recipe runs 2 DataLoader worker processes beside the runner. As in the TUI,
    # one thread reads the events while another calls stop().
    import threading

    seen: list[dict] = []
    demo = DemoProcess("cnn", recipe="article", data="shapes", train_size=2_000, test_size=100, workers=2,
                       log_every=50, pictures=False)
    demo.start()
    pgid = demo.pid
    reader = threading.Thread(target=lambda: seen.extend(demo.events()))
    reader.start()
    deadline = time.monotonic() + 90
    while not any(e["type"] == "progress" for e in seen) and time.monotonic() < deadline and reader.is_alive():
        time.sleep(0.05)
    assert any(e["type"] == "progress" for e in seen), demo.stderr[-2000:]
    members = group_members(pgid)
    assert len(members) >= 3, f"expected the runner and 2 workers, found {members}"
    demo.stop()
    reader.join(timeout=15)
    assert not reader.is_alive()
    assert demo.returncode is not None and not demo.running
    assert all(e["type"] != "error" for e in seen)  # a stop is not a failure
    assert wait_for_group_exit(pgid, timeout_s=15) == []
