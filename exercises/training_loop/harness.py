"""Runs in the sandbox with the learner's module (or, in the grader, the oracle / a wrong variant)
as its first argument. It builds a small, fully determined model from the state sent by the
grader, drives the learner's train_step / evaluate, and returns plain data (floats, tensors)."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def make_model(state: dict, dropout: float = 0.0) -> nn.Sequential:
    """Linear → BatchNorm1d → ReLU → Dropout → Linear, loaded with the given state_dict."""
    hidden, inputs = state["0.weight"].shape
    classes = state["4.weight"].shape[0]
    model = nn.Sequential(nn.Linear(inputs, hidden), nn.BatchNorm1d(hidden), nn.ReLU(), nn.Dropout(dropout),
                          nn.Linear(hidden, classes))
    model = model.to(dtype=state["0.weight"].dtype, device=state["0.weight"].device)
    model.load_state_dict(state)
    return model


def train_steps(ns, state: dict, batches: list, lr: float, momentum: float):
    """A fresh model and SGD optimizer; one call of train_step per batch. Returns
    [the losses train_step returned, the parameters after the last step]."""
    with torch.random.fork_rng(devices=[]):       # seeded, without touching the caller's generator
        torch.manual_seed(0)
        model = make_model(state)
        model.train()
        optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)
        loss_fn = nn.CrossEntropyLoss()
        losses = [ns.train_step(model, inputs, labels, optimizer, loss_fn) for inputs, labels in batches]
        return [losses, [p.detach().clone() for p in model.parameters()]]


def evaluate_model(ns, state: dict, batches: list, dropout: float, as_dataloader: bool = False):
    """The learner's evaluate on a model that was left in training mode, as it is after training.
    The loader is a list of (inputs, labels) batches, or a real DataLoader over the same data."""
    with torch.random.fork_rng(devices=[]):       # dropout masks repeat exactly from run to run
        torch.manual_seed(0)
        model = make_model(state, dropout)
        model.train()
        if as_dataloader:
            inputs = torch.cat([x for x, _ in batches])
            labels = torch.cat([y for _, y in batches])
            loader = DataLoader(TensorDataset(inputs, labels), batch_size=len(batches[0][1]), shuffle=False)
        else:
            loader = batches
        return ns.evaluate(model, loader)
