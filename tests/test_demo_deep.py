"""The deep demo: four 20-layer networks side by side. A few steps in-process (fast), the
runner's --json stream ending with its summary, and the physics the demo is there to show:
naive init starves the first layers of gradient, Kaiming / batch norm / residual feed them."""
from __future__ import annotations

import json
import math
import os
import sys

import pytest
import torch
from conftest import Ahead

from tutor.demos import deep, events
from tutor.demos.config import ConfigError, parse
from tutor.pictures import render_picture


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path / "home"))


@pytest.fixture(scope="module", autouse=True)
def runner_run(tmp_path_factory):
    """`python -m tutor.demos.runner deep --json …`, started before the module's first test (conftest's
    Ahead) in a home of its own: it imports torch while the in-process tests here run."""
    home = tmp_path_factory.mktemp("deep-runner-home")
    run = Ahead([sys.executable, "-m", "tutor.demos.runner", "deep", "--json", "--steps", "2", "--train-size", "100",
                 "--test-size", "20", "--no-pictures"],
                env={**{k: v for k, v in os.environ.items() if k != "DLTUTOR_CONTENT"},
                     "DLTUTOR_HOME": str(home / "home"), "DLTUTOR_LANG": "en"})
    yield run
    run.close()


def run(argv: list[str]) -> list[dict]:
    return list(deep.run(parse(["deep", *argv])))


def test_a_short_run_streams_four_loss_curves_heat_maps_and_a_summary():
    stream = run(["--steps", "4", "--train-size", "200", "--test-size", "50", "--batch-size", "32", "--seed", "3"])
    kinds = [e["type"] for e in stream]
    assert kinds[0] == "text" and kinds[-1] == "summary"
    metrics = [e for e in stream if e["type"] == "metric"]
    assert metrics[0]["step"] == 1                       # the first metric comes after one step
    for v in deep.VARIANTS:
        assert math.isfinite(metrics[-1]["values"][f"loss_{v}"])
    pictures = [e for e in stream if e["type"] == "picture"]
    assert pictures and len(pictures[-1]["images"]) == 4
    tile = pictures[-1]["images"][0]
    assert (tile["height"], tile["width"]) == (deep.DEPTH * deep.CELL, deep.HEAT_COLUMNS * deep.CELL)
    assert "▀" in render_picture(pictures[-1]).plain
    summary = stream[-1]
    for key in ("demo", "device", "wall_s", "final_loss", "test_accuracy"):
        assert key in summary
    assert summary["demo"] == "deep" and summary["device"] == "cpu" and summary["steps"] == 4
    assert set(summary["final_losses"]) == set(deep.VARIANTS)
    json.dumps(stream)


def test_naive_init_starves_the_first_layer_and_the_cures_feed_it():
    """At initialisation, before any step: the physics, measured with the demo's own networks."""
    torch.manual_seed(0)
    x, y = torch.randn(64, 192), torch.randint(0, 10, (64,))
    first = {}
    for variant in deep.VARIANTS:
        net = deep.DeepNet(variant, 192, 10)
        torch.nn.functional.cross_entropy(net(x), y).backward()
        first[variant] = net.gradient_norms()[0]
    assert first["plain"] < 1e-12                          # vanished through 19 layers of ×0.06
    for cure in ("kaiming", "batchnorm", "residual"):
        assert first[cure] > 1e-3, (cure, first)


def test_the_plain_network_stays_at_chance_while_the_residual_one_learns():
    stream = run(["--steps", "120", "--train-size", "600", "--test-size", "100", "--no-pictures", "--seed", "0"])
    summary = stream[-1]
    assert summary["final_losses"]["plain"] == pytest.approx(math.log(10), abs=0.02)   # chance: ln 10
    assert summary["final_losses"]["residual"] < summary["final_losses"]["plain"] - 0.1
    assert summary["first_layer_grad_norms"]["plain"] < 1e-6 < summary["first_layer_grad_norms"]["kaiming"]


def test_options_that_do_not_apply_are_refused():
    with pytest.raises(ConfigError):
        parse(["deep", "--recipe", "article"])


def test_the_runner_ends_the_json_stream_with_the_summary(runner_run):
    result = runner_run.result(timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines[-1]["type"] == "summary" and lines[-1]["demo"] == "deep"
    assert all(line["type"] in events.TYPES for line in lines)
