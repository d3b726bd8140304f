"""The gpt capstone: the plain run learns (loss falls below the unigram baseline), --mine builds the
model from the learner's PASSED functions only, and every mixture of learner and PyTorch parts
computes the same block as nn.TransformerEncoderLayer."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F

from tutor.demos import config as demo_config
from tutor.demos import gpt, learner_parts

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = ROOT / "exercises"

# Learner files for lesson 12's functions (another branch writes those exercises): written to the
# contract in DESIGN.md, checked here against PyTorch before they are used.
LAYER_NORM = '''
import torch

def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    dims = tuple(range(-len(normalized_shape), 0))
    mean = x.mean(dim=dims, keepdim=True)
    var = ((x - mean) ** 2).mean(dim=dims, keepdim=True)
    out = (x - mean) / torch.sqrt(var + eps)
    if weight is not None:
        out = out * weight
    if bias is not None:
        out = out + bias
    return out
'''
WRONG_LAYER_NORM = LAYER_NORM.replace("((x - mean) ** 2).mean(dim=dims, keepdim=True)",
                                      "x.var(dim=dims, keepdim=True)")       # unbiased: the classic slip
ADAMW = '''
import torch

def adamw_step(params, grads, states, lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
    beta1, beta2 = betas
    new_params, new_states = [], []
    for p, g, s in zip(params, grads, states):
        step, m, v = (0, torch.zeros_like(p), torch.zeros_like(p)) if s is None else s
        step += 1
        p = p * (1 - lr * weight_decay)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        m_hat, v_hat = m / (1 - beta1 ** step), v / (1 - beta2 ** step)
        new_params.append(p - lr * m_hat / (torch.sqrt(v_hat) + eps))
        new_states.append((step, m, v))
    return new_params, new_states
'''


def load_source(source: str, name: str):
    namespace: dict = {}
    exec(compile(source, name, "exec"), namespace)
    return namespace[name]


def test_contract_fixtures_match_pytorch():
    """The hand-written layer_norm and adamw_step used below really are right (and the wrong one wrong)."""
    x, w, b = torch.randn(3, 5, 8, dtype=torch.float64), torch.randn(8, dtype=torch.float64), torch.randn(8, dtype=torch.float64)
    torch.testing.assert_close(load_source(LAYER_NORM, "layer_norm")(x, (8,), w, b), F.layer_norm(x, (8,), w, b))
    assert not torch.allclose(load_source(WRONG_LAYER_NORM, "layer_norm")(x, (8,), w, b), F.layer_norm(x, (8,), w, b))
    step = load_source(ADAMW, "adamw_step")
    param = torch.randn(4, 3, dtype=torch.float64)
    reference = torch.nn.Parameter(param.clone())
    optimiser = torch.optim.AdamW([reference], lr=0.01, betas=(0.9, 0.99), weight_decay=0.1)
    values, states = [param.clone()], [None]
    for _ in range(3):
        grad = torch.randn(4, 3, dtype=torch.float64)
        reference.grad = grad.clone()
        optimiser.step()
        values, states = step(values, [grad], states, 0.01, betas=(0.9, 0.99), weight_decay=0.1)
    torch.testing.assert_close(values[0], reference.detach())


def write_workspace(home: Path, files: dict[str, str], passed: set[str], failed: set[str] = frozenset()) -> None:
    """Learner files in home/workspace, and their attempts in the progress store (pass or fail)."""
    from tutor.progress.store import open_store

    workspace = home / "workspace"
    workspace.mkdir(parents=True, exist_ok=True)
    for exercise_id, source in files.items():
        (workspace / f"{exercise_id}.py").write_text(source, encoding="utf-8")
    time.sleep(0.01)
    store = open_store(home / "progress.sqlite3")
    try:
        for exercise_id in passed:
            store.record_attempt(exercise_id, "pass")
        for exercise_id in failed:
            store.record_attempt(exercise_id, "fail")
    finally:
        store.close()


def solution(exercise_id: str) -> str:
    return (EXERCISES / exercise_id / "solution.py").read_text(encoding="utf-8")


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path))
    return tmp_path


# -- which files --mine takes ---------------------------------------------------------------------
def test_only_passed_files_are_used(home):
    write_workspace(home, {"layer_norm": WRONG_LAYER_NORM, "sampling": solution("sampling"),
                           "multi_head_attention": solution("multi_head_attention")},
                    passed={"sampling", "multi_head_attention"}, failed={"layer_norm"})
    parts = learner_parts.load()
    assert set(parts.functions) == {"sampling", "multi_head_attention"}
    assert "layer_norm" in parts.skipped and "pass" in parts.skipped["layer_norm"]
    assert parts.skipped["adam"] == "not passed yet"
    model_parts = gpt.Parts(parts)
    assert model_parts.layer_norm_fn is F.layer_norm          # the wrong layer_norm never runs
    assert model_parts.learner_ids == ["multi_head_attention", "sampling"]


def test_a_file_that_fails_after_passing_is_not_used(home):
    write_workspace(home, {"layer_norm": LAYER_NORM}, passed={"layer_norm"})
    assert "layer_norm" in learner_parts.load().functions
    write_workspace(home, {}, passed=set(), failed={"layer_norm"})      # a later check failed
    parts = learner_parts.load()
    assert "layer_norm" not in parts.functions and parts.skipped["layer_norm"] == "its latest check did not pass"


def test_a_file_edited_after_it_passed_is_not_used(home):
    write_workspace(home, {"layer_norm": LAYER_NORM}, passed={"layer_norm"})
    edited = home / "workspace" / "layer_norm.py"
    edited.write_text(WRONG_LAYER_NORM, encoding="utf-8")
    later = time.time() + 5
    os.utime(edited, (later, later))
    parts = learner_parts.load()
    assert "layer_norm" not in parts.functions and "changed" in parts.skipped["layer_norm"]


def test_a_passed_file_that_no_longer_imports_is_skipped(home):
    write_workspace(home, {"sampling": "raise RuntimeError('boom')\n"}, passed={"sampling"})
    parts = learner_parts.load()
    assert parts.functions == {} and "RuntimeError" in parts.skipped["sampling"]


def test_an_error_in_learner_code_names_the_function(home):
    from tutor.demos.errors import DemoError

    broken = "def sample_next_token(logits, temperature=1.0, top_k=None, generator=None):\n    return logits[99]\n"
    write_workspace(home, {"sampling": broken}, passed={"sampling"})
    sample = learner_parts.load().get("sampling")
    with pytest.raises(DemoError, match="your sample_next_token .exercise sampling. raised IndexError"):
        sample(torch.zeros(1, 3))


# -- every mixture computes the same block ----------------------------------------------------------
MIXTURES = {
    "pytorch": {},
    "block": {"transformer_block": ("transformer_block", "transformer_block")},
    "mha": {"multi_head_attention": ("multi_head_attention", "multi_head_attention")},
    "attention+norm": {"attention": ("attention", "scaled_dot_product_attention"), "layer_norm": None},
}


@pytest.mark.parametrize("mixture", sorted(MIXTURES))
def test_block_mixtures_equal_pytorch(mixture):
    parts = learner_parts.LearnerParts()
    for exercise_id, source in MIXTURES[mixture].items():
        if source is None:
            parts.functions[exercise_id] = load_source(LAYER_NORM, "layer_norm")
        else:
            parts.functions[exercise_id] = load_source(solution(source[0]), source[1])
    torch.manual_seed(0)
    model = gpt.TinyGPT(11, gpt.Parts(parts)).double()
    reference = gpt.TinyGPT(11, gpt.Parts()).double()
    reference.load_state_dict(model.state_dict())
    tokens = torch.randint(0, 11, (2, 9))
    torch.testing.assert_close(model(tokens), reference(tokens))
    # causal: the future does not change the past
    changed = tokens.clone()
    changed[:, -1] = (changed[:, -1] + 1) % 11
    torch.testing.assert_close(model(changed)[:, :-1], model(tokens)[:, :-1])


def test_learner_adamw_trains_like_torch_adamw():
    torch.manual_seed(0)
    model = gpt.TinyGPT(11, gpt.Parts()).double()
    twin = gpt.TinyGPT(11, gpt.Parts()).double()
    twin.load_state_dict(model.state_dict())
    mine = learner_parts.LearnerAdamW(model.parameters(), load_source(ADAMW, "adamw_step"), 0.01, gpt.BETAS, 1e-8,
                                      gpt.WEIGHT_DECAY)
    theirs = torch.optim.AdamW(twin.parameters(), lr=0.01, betas=gpt.BETAS, weight_decay=gpt.WEIGHT_DECAY)
    tokens = torch.randint(0, 11, (3, 8))
    for _ in range(3):
        for net, optimiser in ((model, mine), (twin, theirs)):
            optimiser.zero_grad()
            F.cross_entropy(net(tokens[:, :-1]).flatten(0, 1), tokens[:, 1:].flatten()).backward()
            optimiser.step()
    for a, b in zip(model.parameters(), twin.parameters()):
        torch.testing.assert_close(a, b)


# -- runs ---------------------------------------------------------------------------------------
# The module's three runs of the demo (each a process of its own, on one thread) start together, when
# the first test asks for one: a serial suite otherwise leaves the second core idle while each runs.
# Each run has a home of its own, set up beforehand as the test that reads it says.
SNEAKY_WRITE = "forged.txt"


def plain_run(home: Path) -> list[str]:
    return ["--steps", "90", "--batch-size", "16", "--threads", "1"]


def mine_run(home: Path) -> list[str]:
    files = {exercise_id: solution(exercise_id) for exercise_id in ("transformer_block", "sampling")}
    files["layer_norm"] = WRONG_LAYER_NORM
    files["adam"] = ADAMW
    write_workspace(home, files, passed={"transformer_block", "sampling", "adam"}, failed={"layer_norm"})
    return ["--mine", "--steps", "90", "--batch-size", "16", "--threads", "1"]


def confined_run(home: Path) -> list[str]:
    """A passed file whose import reaches outside its confinement (a file in the learner's home)."""
    sneaky = solution("sampling") + (
        "\nimport pathlib, os\n"
        f"pathlib.Path({str(home / SNEAKY_WRITE)!r}).write_text('pass')\n")
    write_workspace(home, {"sampling": sneaky}, passed={"sampling"})
    return ["--mine", "--steps", "20", "--batch-size", "8", "--threads", "1"]


RUNS = {"plain": plain_run, "mine": mine_run, "confined": confined_run}


class DemoRun:
    def __init__(self, home: Path, args: list[str]) -> None:
        self.home = home
        env = {k: v for k, v in os.environ.items() if k != "DLTUTOR_CONTENT"}
        env.update(DLTUTOR_HOME=str(home), DLTUTOR_LANG="en")
        self.process = subprocess.Popen([sys.executable, "-m", "tutor.demos.runner", "gpt", *args, "--json"],
                                        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                        env=env)
        self._lines: list[dict] | None = None

    def lines(self) -> list[dict]:
        """The run's JSON events, once it has finished; it must have exited 0."""
        if self._lines is None:
            stdout, stderr = self.process.communicate(timeout=600)
            assert self.process.returncode == 0, stderr[-3000:]
            self._lines = [json.loads(line) for line in stdout.splitlines()]
        return self._lines


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    started = {}
    for name, prepare in RUNS.items():
        home = tmp_path_factory.mktemp(f"gpt-{name}-home")
        started[name] = DemoRun(home, prepare(home))
    yield started
    for run in started.values():                        # a run no test read (-k): not left behind
        if run.process.poll() is None:
            run.process.kill()
        run.process.communicate()


def test_mine_is_a_gpt_only_option():
    assert demo_config.parse(["gpt", "--mine"]).mine is True
    with pytest.raises(demo_config.ConfigError):
        demo_config.parse(["rnn", "--mine"])
    assert demo_config.to_argv(demo_config.parse(["gpt", "--mine", "--steps", "5"])) == ["gpt", "--steps", "5", "--mine"]


def test_plain_run_learns_and_names_no_learner_parts(runs):
    lines = runs["plain"].lines()
    summary = lines[-1]
    assert summary["type"] == "summary" and summary["demo"] == "gpt"
    assert summary["learner_functions"] == []
    losses = [e["values"]["loss"] for e in lines if e["type"] == "metric"]
    assert losses[0] > losses[-1]
    assert summary["final_loss"] < summary["unigram_loss"] - 0.2, summary
    samples = [e["text"] for e in lines if e["type"] == "text" and e["text"].startswith("step ")]
    assert samples and all(gpt.PROMPT in s for s in samples)
    assert summary["sample"].startswith(gpt.PROMPT)


def test_mine_run_uses_only_the_passed_functions(runs):
    lines = runs["mine"].lines()
    summary = lines[-1]
    assert summary["learner_functions"] == ["transformer_block", "sampling", "adam"]
    assert "layer_norm" in summary["not_used"]
    assert summary["parts"]["final layer norm"].startswith("PyTorch")
    assert summary["final_loss"] < summary["unigram_loss"] - 0.2, summary
    texts = [e["text"] for e in lines if e["type"] == "text"]
    assert any("not using your layer_norm" in t for t in texts)


def test_mine_runs_learner_code_inside_the_graders_confinement(runs):
    """A passed file whose import reaches outside: the demo refuses it and runs on with PyTorch's part."""
    run = runs["confined"]
    lines = run.lines()
    summary = lines[-1]
    assert summary["type"] == "summary" and summary["learner_functions"] == []
    assert "cannot write" in summary["not_used"]["sampling"], summary["not_used"]
    assert not (run.home / SNEAKY_WRITE).exists()
