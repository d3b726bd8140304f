"""The diffusion demo: a short run on the CPU is well formed and learns, its pictures show the
reverse chain, and --mine uses exactly the learner's passed, still-working ddpm functions."""
from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pytest
import torch

from tutor.demos import diffusion, events
from tutor.demos.config import ConfigError, parse
from tutor.pictures import render_picture

EXERCISES = Path(__file__).resolve().parents[1] / "exercises"
SHORT = ["--steps", "60", "--batch-size", "64", "--threads", "1", "--log-every", "10", "--seed", "3"]


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def run(argv: list[str]) -> list[dict]:
    threads = torch.get_num_threads()
    try:
        return list(diffusion.run(parse(["diffusion", *argv])))
    finally:
        torch.set_num_threads(threads)


def test_a_short_run_is_well_formed_learns_and_draws_the_chain():
    stream = run(SHORT)
    for event in stream:
        assert event["type"] in events.TYPES
        json.dumps(event)
        if event["type"] == "picture":
            assert "▀" in render_picture(event).plain
    summary = stream[-1]
    assert summary["type"] == "summary" and summary["demo"] == "diffusion" and summary["device"] == "cpu"
    assert summary["steps"] == 60 and summary["diffusion_steps"] == diffusion.T and summary["mine"] == []
    assert 0 <= summary["modes_covered"] <= 8 and math.isfinite(summary["final_loss"]) and summary["wall_s"] > 0
    losses = [e["values"]["loss"] for e in stream if e["type"] == "metric"]
    assert len(losses) == 7 and losses[-1] < losses[0]      # step 1, then every 10th; ε-prediction starts near 1
    chain = [e for e in stream if e["type"] == "picture" and e["name"] == "denoising"]
    assert len(chain) == 1 and [i["label"] for i in chain[0]["images"]][0] == "pure noise"
    assert len(chain[0]["images"]) == len(diffusion.SNAPSHOTS)
    assert any(e["type"] == "picture" and e["name"] == "samples" for e in stream)
    assert any(e["type"] == "text" and "GAN demo" in e["text"] for e in stream)


def test_no_pictures_means_no_pictures():
    stream = run(SHORT[:2] + ["--no-pictures", "--threads", "1"])
    assert not [e for e in stream if e["type"] == "picture"]


def test_the_built_in_functions_are_the_exercises_solutions():
    """The demo's own ddpm functions compute what the model solutions compute."""
    import importlib.util

    def load(exercise_id):
        spec = importlib.util.spec_from_file_location(f"demo_check_{exercise_id}", EXERCISES / exercise_id / "solution.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    forward, loss, step = load("ddpm_forward"), load("ddpm_loss"), load("ddpm_sample_step")
    for name in ("ddpm_forward", "ddpm_loss", "ddpm_sample_step"):
        assert diffusion._agrees(name, {"ddpm_forward": forward, "ddpm_loss": loss, "ddpm_sample_step": step}[name])
    assert not diffusion._agrees("ddpm_forward", load_mistake("ddpm_forward", "t_off_by_one"))
    assert not diffusion._agrees("ddpm_sample_step", load_mistake("ddpm_sample_step", "noise_added_at_t0"))


def load_mistake(exercise_id, mistake):
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"demo_mistake_{mistake}", EXERCISES / exercise_id / "mistakes" / f"{mistake}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def record_pass(exercise_id: str) -> None:
    from tutor.progress.store import open_store

    store = open_store()
    store.record_attempt(exercise_id, "pass")
    store.close()


def test_mine_uses_only_the_passed_and_working_functions(home):
    from tutor.workspace import workspace_file

    # ddpm_forward: passed, the solution in the workspace -> used.
    shutil.copy(EXERCISES / "ddpm_forward" / "solution.py", workspace_file("ddpm_forward"))
    record_pass("ddpm_forward")
    # ddpm_loss: passed once, but the file has since been broken -> built-in, and the demo says why.
    workspace_file("ddpm_loss").write_text("def ddpm_loss(model, x0, t, noise, alphas_cumprod):\n    return 1 / 0\n")
    record_pass("ddpm_loss")
    # ddpm_sample_step: the solution is there but never passed -> built-in.
    shutil.copy(EXERCISES / "ddpm_sample_step" / "solution.py", workspace_file("ddpm_sample_step"))

    stream = run(["--mine", "--no-pictures", "--steps", "20", "--batch-size", "32", "--threads", "1"])
    assert stream[-1]["mine"] == ["alpha_bar", "linear_beta_schedule", "q_sample"]
    texts = " | ".join(e["text"] for e in stream if e["type"] == "text")
    assert "ddpm_forward: yours" in texts
    assert "ddpm_loss: your file raised ZeroDivisionError" in texts
    assert "ddpm_sample_step: not passed yet" in texts
    assert "using your alpha_bar, linear_beta_schedule, q_sample" in texts


def test_mine_with_a_learner_function_that_drifted_falls_back(home):
    from tutor.workspace import workspace_file

    shutil.copy(EXERCISES / "ddpm_sample_step" / "mistakes" / "noise_added_at_t0.py", workspace_file("ddpm_sample_step"))
    record_pass("ddpm_sample_step")
    toolkit, notes = diffusion.learner_toolkit()
    assert toolkit.mine == [] and toolkit.p_sample_step is diffusion.p_sample_step
    assert any("no longer matches" in n for n in notes)


def test_mine_only_applies_to_the_diffusion_demo():
    assert parse(["diffusion", "--mine"]).mine is True
    with pytest.raises(ConfigError, match="--mine does not apply to the gan demo"):
        parse(["gan", "--mine"])
