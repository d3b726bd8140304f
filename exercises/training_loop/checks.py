"""Checks for training_loop. The oracle is the article's loop, step for step (optimizer.zero_grad,
forward, loss, backward, optimizer.step; model.eval + no_grad + argmax for evaluation), run by the
same harness (harness.py) on the same model, optimizer and data as the learner's code."""
import importlib.util
from pathlib import Path

import torch
from hypothesis import strategies as st

from tutor.content.check_phrases import Phrases
from tutor.grading.compare import compare
from tutor.grading.spec import Call, Check

say = Phrases(__file__)

_spec = importlib.util.spec_from_file_location("training_loop_harness", Path(__file__).with_name("harness.py"))
harness = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(harness)


class ORACLE:
    @staticmethod
    def train_step(model, inputs, labels, optimizer, loss_fn):
        optimizer.zero_grad()
        loss = loss_fn(model(inputs), labels)
        loss.backward()
        optimizer.step()
        return loss.item()

    @staticmethod
    def evaluate(model, loader):
        model.eval()
        correct = total = 0
        with torch.no_grad():
            for inputs, labels in loader:
                correct += (model(inputs).argmax(dim=1) == labels).sum().item()
                total += labels.numel()
        return correct / total


def parameter_names() -> list[str]:
    """The model's parameters in harness order, named in the learner's language."""
    return [say("the first Linear's weight"), say("the first Linear's bias"), say("the BatchNorm's weight"),
            say("the BatchNorm's bias"), say("the last Linear's weight"), say("the last Linear's bias")]


def random_state(p: dict, gen: torch.Generator) -> dict:
    """A state_dict for harness.make_model: fan-in scaled weights, non-trivial batch-norm statistics."""
    d, h, c = p["d"], p["h"], p["c"]
    dtype = torch.float32 if p.get("dtype") == "float32" else torch.float64
    u = lambda *shape, bound=1.0: (torch.rand(*shape, generator=gen, dtype=dtype) * 2 - 1) * bound
    return {
        "0.weight": u(h, d, bound=d ** -0.5), "0.bias": u(h, bound=d ** -0.5),
        "1.weight": 1 + 0.3 * u(h), "1.bias": 0.3 * u(h),
        "1.running_mean": 0.5 * u(h), "1.running_var": 0.5 + torch.rand(h, generator=gen, dtype=dtype),
        "1.num_batches_tracked": torch.tensor(10),
        "4.weight": u(c, h, bound=h ** -0.5), "4.bias": u(c, bound=h ** -0.5),
    }


def random_batches(sizes: list, d: int, c: int, gen: torch.Generator, dtype=torch.float64) -> list:
    return [(torch.randn(n, d, generator=gen, dtype=dtype), torch.randint(0, c, (n,), generator=gen))
            for n in sizes]


def build_training(p: dict, gen: torch.Generator) -> Call:
    state = random_state(p, gen)
    batches = random_batches([p["n"]] * p["steps"], p["d"], p["c"], gen, state["0.weight"].dtype)
    return Call("train_steps", (state, batches, p["lr"], p["momentum"]), harness=True,
                describe={"model": f"Linear({p['d']}, {p['h']}) -> BatchNorm1d -> ReLU -> Linear({p['h']}, {p['c']})",
                          "optimizer": f"SGD(lr={p['lr']}, momentum={p['momentum']})",
                          "steps": p["steps"], "batch size": p["n"]})


def build_evaluation(p: dict, gen: torch.Generator) -> Call:
    """Labels chosen so that the cases separate the classic mistakes: every example right except
    one in the second batch and all of the (smaller) last one; and training-mode predictions that
    score differently from evaluation-mode ones."""
    sizes = p["sizes"]
    for _ in range(50):
        state = random_state(p, gen)
        batches = random_batches(sizes, p["d"], p["c"], gen)
        with torch.random.fork_rng():
            torch.manual_seed(0)
            model = harness.make_model(state, p["dropout"])
            model.eval()
            with torch.no_grad():
                predicted = [model(x).argmax(dim=1) for x, _ in batches]
            model.train()
            with torch.no_grad():
                in_train_mode = torch.cat([model(x).argmax(dim=1) for x, _ in batches])
        labels = [pred.clone() for pred in predicted]
        labels[1][0] = (labels[1][0] + 1) % p["c"]
        labels[-1] = (labels[-1] + 1) % p["c"]
        all_labels = torch.cat(labels)
        if (in_train_mode == all_labels).sum() != (torch.cat(predicted) == all_labels).sum():
            break
    batches = [(x, y) for (x, _), y in zip(batches, labels)]
    loader = "DataLoader" if p.get("dataloader") else say("list of (inputs, labels)")
    return Call("evaluate_model", (state, batches, p["dropout"]), {"as_dataloader": p.get("dataloader", False)},
                harness=True, describe={"batch sizes": sizes, "dropout": p["dropout"], "loader": loader})


@st.composite
def training_runs(draw):
    return {"d": draw(st.integers(2, 6)), "h": draw(st.integers(2, 6)), "c": draw(st.integers(2, 4)),
            "n": draw(st.integers(2, 5)), "steps": draw(st.integers(2, 4)),
            "lr": draw(st.sampled_from([0.01, 0.1, 0.5])), "momentum": draw(st.sampled_from([0.0, 0.9]))}


def compare_training(expected, got):
    if not (isinstance(got, list) and len(got) == 2):
        return None if compare(expected, got) is None else compare(expected, got).message
    (expected_losses, expected_params), (losses, params) = expected, got
    for step, (e, g) in enumerate(zip(expected_losses, losses), 1):
        if isinstance(g, torch.Tensor):
            return say("train_step returned a tensor at step {step}: return loss.item(), a Python float "
                       "(a loss tensor keeps its whole autograd graph alive)", step=step)
        if not isinstance(g, (int, float)) or isinstance(g, bool):
            return say("train_step should return the loss as a Python float, but it returned {kind}",
                       kind=type(g).__name__)
        if compare(e, float(g)) is not None:
            return say("the loss train_step returned at step {step} is {got:.6g}, expected {expected:.6g} (the loss "
                       "of this batch, computed by the forward pass before the update)", step=step, got=g, expected=e)
    for name, e, g in zip(parameter_names(), expected_params, params):
        mismatch = compare(e, g, path=say("{name} after {steps} steps", name=name, steps=len(expected_losses)))
        if mismatch:
            return mismatch.message
    return None


def compare_accuracy(expected, got):
    if isinstance(got, torch.Tensor):
        return say("evaluate should return a Python float, but it returned a tensor — count with .sum().item() "
                   "(or call .item() on the result)")
    if not isinstance(got, (int, float)) or isinstance(got, bool):
        return say("evaluate should return the accuracy as a float in [0, 1], but it returned {kind}",
                   kind=type(got).__name__)
    if compare(expected, float(got)) is not None:
        return say("expected accuracy {expected:.6g}, got {got:.6g}", expected=expected, got=got)
    return None


def diagnose(call: Call, got, expected):
    """Parameters exactly where they started: no update happened (see missing_step)."""
    if call.fn != "train_steps" or not (isinstance(got, list) and len(got) == 2 and isinstance(got[1], list)):
        return None
    state = call.args[0]
    initial = [state[k] for k in ("0.weight", "0.bias", "1.weight", "1.bias", "4.weight", "4.bias")]
    params = got[1]
    if len(params) == len(initial) and all(isinstance(g, torch.Tensor) and g.shape == e.shape
                                           and torch.equal(g.cpu(), e) for g, e in zip(params, initial)):
        return "missing_step"
    return None


def evaluation(**p):
    return dict(d=4, h=6, c=3, **p)


CHECKS = [
    Check("train_step: two steps of plain SGD", build_training, function="train_step",
          cases=[dict(d=4, h=5, c=3, n=4, steps=2, lr=0.1, momentum=0.0)], compare_output=compare_training),
    Check("train_step: three steps of SGD with momentum 0.9 (the article's optimizer)", build_training,
          function="train_step", cases=[dict(d=3, h=4, c=3, n=5, steps=3, lr=0.05, momentum=0.9)],
          compare_output=compare_training),
    Check("train_step: random models, learning rates and step counts", build_training, function="train_step",
          strategy=training_runs(), max_examples=15, compare_output=compare_training),
    Check("train_step: a float32 model (PyTorch's default dtype)", build_training, function="train_step",
          cases=[dict(d=4, h=4, c=3, n=4, steps=3, lr=0.1, momentum=0.9, dtype="float32")],
          compare_output=compare_training),
    Check("evaluate: a list of (inputs, labels) batches, last batch smaller", build_evaluation,
          function="evaluate", cases=[evaluation(sizes=[4, 4, 2], dropout=0.0)], compare_output=compare_accuracy),
    Check("evaluate: a model left in training mode, with dropout (p = 1)", build_evaluation, function="evaluate",
          cases=[evaluation(sizes=[3, 3, 2], dropout=1.0)], compare_output=compare_accuracy),
    Check("evaluate: a model left in training mode, with batch norm on small batches", build_evaluation,
          function="evaluate", cases=[evaluation(sizes=[2, 2, 2, 2], dropout=0.0),
                                      evaluation(sizes=[3, 3, 2], dropout=0.0)],
          compare_output=compare_accuracy),
    Check("evaluate: a torch DataLoader", build_evaluation, function="evaluate",
          cases=[evaluation(sizes=[4, 4, 4, 3], dropout=0.5, dataloader=True)], compare_output=compare_accuracy),
]
