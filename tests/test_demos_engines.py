"""Each demo engine, run in-process for a few steps on the CPU: its loss goes down, its events
are well formed and JSON-ready, and its pictures decode and render."""
from __future__ import annotations

import importlib
import json
import math

import pytest

from tutor.demos import events
from tutor.demos.config import parse
from tutor.pictures import render_picture


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path / "home"))


def run_demo(argv: list[str]) -> list[dict]:
    config = parse(argv)
    return list(importlib.import_module(f"tutor.demos.{config.demo}").run(config))


def series(stream: list[dict], key: str) -> list[float]:
    return [e["values"][key] for e in stream if e["type"] == "metric" and key in e["values"]]


def check_events(stream: list[dict], demo: str) -> dict:
    for event in stream:
        assert event["type"] in events.TYPES, event
        json.dumps(event, allow_nan=True)  # JSON-ready (the runner turns NaN into null)
        if event["type"] == "picture":
            assert event["images"], event["caption"]
            for image in event["images"]:
                rows = events.tile_pixels(image)
                assert len(rows) == image["height"] and len(rows[0]) == image["width"]
            assert "▀" in render_picture(event).plain
        if event["type"] == "progress":
            assert 1 <= event["step"] <= event["total"]
    summary = stream[-1]
    assert summary["type"] == "summary" and summary["demo"] == demo
    for key in ("device", "wall_s", "final_loss"):
        assert key in summary
    assert summary["device"] == "cpu"
    assert math.isfinite(summary["final_loss"])
    return summary


def test_cnn_fast_loss_goes_down_and_reports_accuracy_and_speed():
    stream = run_demo(["cnn", "--data", "shapes", "--train-size", "640", "--test-size", "100", "--batch-size", "32",
                       "--epochs", "3", "--steps", "60", "--log-every", "10", "--eval-every", "30", "--threads", "1", "--seed", "1"])
    summary = check_events(stream, "cnn")
    losses = series(stream, "loss")
    assert len(losses) == 7 and losses[-1] < losses[0]  # step 1, then every 10th
    assert summary["recipe"] == "fast" and summary["data"] == "shapes" and summary["steps"] == 60
    assert 0.0 <= summary["test_accuracy"] <= 1.0 and summary["images_per_s"] > 0
    assert len(summary["per_class_accuracy"]) == 10
    assert len(series(stream, "test_accuracy")) == 2
    names = {e["name"] for e in stream if e["type"] == "picture"}
    assert names == {"samples", "filters", "feature_maps"}
    samples = [e for e in stream if e["type"] == "picture" and e["name"] == "samples"][-1]
    assert len(samples["images"]) == 10 and all(i["label"][0] in "✓✗" for i in samples["images"])


def test_cnn_threads_follow_the_thread_policy():
    stream = run_demo(["cnn", "--data", "shapes", "--train-size", "64", "--test-size", "10", "--batch-size", "16",
                       "--steps", "2", "--no-pictures"])
    from tutor.demos.device import cpu_count

    assert 1 <= stream[-1]["threads"] <= cpu_count()
    lines = [e["text"] for e in stream if e["type"] == "text" and "CPU thread(s)" in e["text"]]
    assert lines and lines[0].startswith(f"{stream[-1]['threads']} CPU thread(s): ")


def test_cnn_article_recipe_prints_the_articles_lines():
    stream = run_demo(["cnn", "--recipe", "article", "--data", "shapes", "--train-size", "80", "--test-size", "12",
                       "--workers", "0", "--log-every", "10", "--no-pictures"])
    summary = check_events(stream, "cnn")
    assert summary["recipe"] == "article" and summary["batch_size"] == 4
    assert summary["steps"] == 2 * 80 // 4  # the article's 2 epochs
    texts = [e["text"] for e in stream if e["type"] == "text"]
    assert "[1,    10] loss: " in "\n".join(texts) and "[2,    20] loss: " in "\n".join(texts)
    assert "Finished Training" in texts
    assert any(t.startswith("Accuracy of the network on the 12 test images: ") for t in texts)


def test_cnn_article_recipe_refuses_to_change_the_recipe():
    from tutor.demos.errors import DemoError

    with pytest.raises(DemoError, match="--recipe fast"):
        run_demo(["cnn", "--recipe", "article", "--data", "shapes", "--batch-size", "64"])


def test_cnn_precision_bf16_trains_under_autocast_and_evaluates_in_fp32(monkeypatch):
    import torch

    from tutor.demos import cnn

    seen: list[tuple[bool, bool]] = []  # (training, autocast on) for every forward pass
    forward = cnn.FastNet.forward

    def recording(self, x):
        seen.append((self.training, torch.is_autocast_enabled("cpu")))
        out = forward(self, x)
        assert out.dtype == (torch.bfloat16 if torch.is_autocast_enabled("cpu") else torch.float32)
        return out

    monkeypatch.setattr(cnn.FastNet, "forward", recording)
    stream = run_demo(["cnn", "--data", "shapes", "--train-size", "64", "--test-size", "16", "--batch-size", "16",
                       "--steps", "4", "--threads", "1", "--precision", "bf16", "--no-pictures"])
    summary = check_events(stream, "cnn")
    assert summary["precision"] == "bf16" and all(math.isfinite(v) for v in series(stream, "loss"))
    assert {(True, True), (False, False)} == set(seen)  # every training step in bf16, every evaluation in fp32
    assert any(e["type"] == "text" and e["text"].startswith("bf16 autocast: ") for e in stream)
    with pytest.raises(Exception, match="--precision does not apply to the gan demo"):
        parse(["gan", "--precision", "bf16"])
    from tutor.demos.errors import DemoError

    with pytest.raises(DemoError, match="--recipe fast"):
        run_demo(["cnn", "--recipe", "article", "--data", "shapes", "--precision", "bf16"])


def test_the_cnn_schedule_runs_for_any_number_of_steps():
    """--steps 4 used to crash inside OneCycleLR (a one-step warm-up divides by zero)."""
    import torch

    from tutor.demos.cnn import FAST, warmup_fraction

    for total in range(1, 41):
        optimiser = torch.optim.AdamW([torch.zeros(1, requires_grad=True)], lr=0.01)
        schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=0.01, total_steps=total,
                                                       pct_start=warmup_fraction(total))
        for _ in range(total - 1):
            optimiser.step()
            schedule.step()
        assert warmup_fraction(total) == (FAST["warmup"] if total > 4 else 0.5 / total)


def test_bf16_native_reads_the_cpu_flags(tmp_path):
    import torch

    from tutor.demos.device import bf16_native

    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text("processor\t: 0\nflags\t\t: fpu sse avx2 fma\n")
    assert not bf16_native(torch.device("cpu"), str(cpuinfo))
    cpuinfo.write_text("processor\t: 0\nflags\t\t: fpu avx512f avx512_bf16 amx_tile\n")
    assert bf16_native(torch.device("cpu"), str(cpuinfo))
    assert not bf16_native(torch.device("cpu"), str(tmp_path / "missing"))


def test_gan_generated_points_approach_the_ring():
    stream = run_demo(["gan", "--steps", "240", "--log-every", "40", "--threads", "1"])
    summary = check_events(stream, "gan")
    distance = series(stream, "distance_to_modes")
    assert distance[-1] < distance[0]
    assert summary["gen_loss"] == "non-saturating"
    assert any(e["type"] == "picture" and e["name"] == "scatter" for e in stream)


def test_gan_streams_ds_head_start_then_the_game():
    stream = run_demo(["gan", "--steps", "40", "--threads", "1", "--no-pictures"])
    metrics = [e for e in stream if e["type"] == "metric"]
    head = [m for m in metrics if "g_loss" not in m["values"]]
    game = [m for m in metrics if "g_loss" in m["values"]]
    assert head and game and head[0]["step"] == 1 and max(m["step"] for m in head) < game[0]["step"]
    assert set(head[0]["values"]) == {"d_loss", "d_real", "d_fake"}
    assert head[-1]["values"]["d_real"] > head[0]["values"]["d_real"]  # D learns while it plays alone
    assert stream[-1]["steps"] == 40 and metrics[-1]["step"] == 40  # the head start counts in --steps


def test_gan_packs_points_side_by_side():
    import torch

    from tutor.demos import gan

    points = torch.arange(16.0).reshape(8, 2)
    packs = gan.packed(points)
    assert packs.shape == (8 // gan.PACK, 2 * gan.PACK)
    assert packs[1].tolist() == points[gan.PACK:2 * gan.PACK].flatten().tolist()


def test_gan_saturating_loss_stalls_where_non_saturating_learns():
    args = ["gan", "--steps", "240", "--log-every", "240", "--threads", "1", "--no-pictures"]
    saturating = run_demo(args + ["--gen-loss", "saturating"])
    non_saturating = run_demo(args)
    assert series(saturating, "g_grad")[-1] < 0.05 * series(non_saturating, "g_grad")[-1]

    def moved(stream: list[dict]) -> float:  # how much closer to the ring G's points got during the game
        distance = series(stream, "distance_to_modes")
        return (distance[0] - distance[-1]) / distance[0]

    assert moved(saturating) < 0.1 and moved(non_saturating) > 0.3


def test_vae_loss_goes_down_and_splits_into_reconstruction_and_kl():
    stream = run_demo(["vae", "--train-size", "256", "--test-size", "16", "--batch-size", "32", "--epochs", "3",
                       "--log-every", "4", "--threads", "1"])
    summary = check_events(stream, "vae")
    losses = series(stream, "loss")
    assert losses[-1] < losses[0]
    for event in stream:
        if event["type"] == "metric" and "loss" in event["values"]:
            v = event["values"]
            assert v["loss"] == pytest.approx(v["reconstruction"] + v["kl"]) and v["kl"] >= 0
    assert summary["final_loss"] == pytest.approx(summary["reconstruction"] + summary["kl"])
    assert {e["name"] for e in stream if e["type"] == "picture"} == {"reconstructions", "samples"}


def test_rnn_loss_goes_down_and_samples_text():
    stream = run_demo(["rnn", "--steps", "40", "--log-every", "10", "--threads", "1"])
    check_events(stream, "rnn")
    losses = series(stream, "loss")
    assert losses[-1] < losses[0] < 4.5
    samples = [e["text"] for e in stream if e["type"] == "text" and e["text"].startswith("step ")]
    assert samples and all("The " in s for s in samples)


def test_attention_learns_to_reverse_and_aligns():
    stream = run_demo(["attention", "--steps", "150", "--log-every", "30", "--threads", "1"])
    summary = check_events(stream, "attention")
    losses = series(stream, "loss")
    alignment = series(stream, "alignment")
    assert losses[-1] < losses[0] and alignment[-1] > alignment[0]
    assert summary["test_accuracy"] > 0.5
    heat = [e for e in stream if e["type"] == "picture"][-1]["images"][0]
    assert heat["width"] == heat["height"] == 8 * 4


@pytest.mark.parametrize("surface", ["ravine", "rosenbrock"])
def test_gd_both_runs_go_down_and_momentum_wins(surface):
    stream = run_demo(["gd", "--surface", surface, "--steps", "100"])
    summary = check_events(stream, "gd")
    plain, momentum = series(stream, "loss_plain"), series(stream, "loss_momentum")
    assert plain[-1] < plain[0] and momentum[-1] < momentum[0]
    assert summary["final_loss_momentum"] < summary["final_loss_plain"]


def test_cuda_request_without_cuda_is_a_clear_error():
    import torch

    from tutor.demos.errors import DemoError

    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    with pytest.raises(DemoError, match="--device cpu"):
        run_demo(["gd", "--device", "cuda", "--steps", "2"])


@pytest.mark.gpu
def test_cnn_fast_on_cuda():
    import torch

    if not torch.cuda.is_available():
        pytest.skip("needs CUDA")
    stream = run_demo(["cnn", "--device", "cuda", "--data", "shapes", "--train-size", "2048", "--test-size", "256",
                       "--steps", "20", "--log-every", "5"])
    summary = stream[-1]
    assert summary["device"].startswith("cuda") and summary["steps"] == 20
    losses = series(stream, "loss")
    assert losses[-1] < losses[0]
