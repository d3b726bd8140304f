"""Why depth is hard, and three cures: the same 20-layer network trained four ways.

Every network has 20 linear layers (input → 18 hidden layers of width 64 → 10 classes) with
ReLUs, trained side by side on the same batches of the built-in shapes images (downsampled to
8×8) with the same SGD + momentum:

  plain      weights N(0, 0.01²), the "small random numbers" of early tutorials: each layer
             multiplies the signal's size by about 0.01·√64·√½ ≈ 0.06, so after 20 layers
             nothing reaches the output and, backwards, no gradient reaches the first layers;
  kaiming    the same network with Kaiming init, std = √2/√fan_in, which keeps the signal's
             variance constant through ReLU layers;
  batchnorm  the naive init again, with a BatchNorm1d before every hidden ReLU: normalising
             each layer's input undoes the shrinking whatever the weights' scale;
  residual   the naive init again, with each hidden layer a residual block h + relu(W·h + b):
             the identity path carries the signal forwards and the gradient backwards.

Batch norm keeps every layer's gradient alive, yet this deep plain stack still trains slowly:
the "degradation" that He et al. (2016) met with 34-layer plain networks — batch norm included —
and cured with residual connections. The demo shows both halves of that story.

The heat maps show, for each network, the norm of every layer's weight gradient (rows: layer
1 at the top, layer 20 at the bottom) over training (columns), on one log scale shared by all
four: the plain network's first layers stay dark — vanishing gradients.

Threads: these are tiny matrices, so one thread is fastest and keeps the demo steady on a busy
machine (OpenMP threads spinning on an oversubscribed CPU cost more than they bring); --threads
overrides it.
"""
from __future__ import annotations

import math
import time
from collections.abc import Iterator

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from tutor.demos import drawing, events, threads
from tutor.demos.config import DemoConfig
from tutor.demos.device import describe, resolve_device, seed_everything
from tutor.i18n.catalog import N_, _

DEPTH = 20            # linear layers in every network
WIDTH = 64
SIDE = 8              # images are average-pooled from 32×32 to 8×8
NAIVE_STD = 0.01
VARIANTS = ("plain", "kaiming", "batchnorm", "residual")
LABELS = {"plain": N_("plain, N(0, 0.01²) init"), "kaiming": N_("plain, Kaiming init"),
          "batchnorm": N_("batch norm, N(0, 0.01²) init"), "residual": N_("residual, N(0, 0.01²) init")}
DEFAULTS = {"steps": 300, "batch_size": 128, "lr": 0.05, "train_size": 3000, "test_size": 1000}
HEAT_COLUMNS = 50     # time columns in the gradient heat maps
HEAT_RANGE = (-7.0, 1.0)  # log10 of the gradient norm: dark below 1e-7, bright at 10
CELL = 2              # pixels per heat-map cell


class DeepNet(nn.Module):
    """20 linear layers with ReLUs; `kind` picks the init, batch norm or residual hidden layers."""

    def __init__(self, kind: str, inputs: int, classes: int) -> None:
        super().__init__()
        self.kind = kind
        sizes = [inputs] + [WIDTH] * (DEPTH - 1) + [classes]
        self.linears = nn.ModuleList(nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:]))
        self.norms = nn.ModuleList(nn.BatchNorm1d(WIDTH) for _ in range(DEPTH - 1)) if kind == "batchnorm" else None
        for linear in self.layers():
            if kind == "kaiming":
                nn.init.kaiming_normal_(linear.weight, nonlinearity="relu")
            else:
                nn.init.normal_(linear.weight, std=NAIVE_STD)
            nn.init.zeros_(linear.bias)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = x
        for i, linear in enumerate(self.linears[:-1]):
            z = linear(h)
            if self.norms is not None:
                z = self.norms[i](z)
            # The first layer changes the width (192 → 64), so it has no identity path.
            h = h + torch.relu(z) if self.kind == "residual" and i > 0 else torch.relu(z)
        return self.linears[-1](h)

    def layers(self) -> list[nn.Linear]:
        return [layer for layer in self.linears if isinstance(layer, nn.Linear)]

    def gradient_norms(self) -> list[float]:
        return [float(grad.norm()) if (grad := linear.weight.grad) is not None else 0.0 for linear in self.layers()]


def load_data(train_size: int, test_size: int, seed: int, device: torch.device):
    """The shapes images, average-pooled to 8×8 and standardised per feature; (x_train, y_train, x_test, y_test)."""
    from tutor.data import shapes

    train_seed, test_seed = shapes.split_seeds(seed)
    train = shapes.generate_cached(train_size, train_seed)
    test = shapes.generate_cached(test_size, test_seed)

    def features(images: np.ndarray) -> torch.Tensor:
        x = torch.from_numpy(images).permute(0, 3, 1, 2).float() / 255.0
        return F.avg_pool2d(x, 32 // SIDE).flatten(1)

    x_train, x_test = features(train[0]), features(test[0])
    mean, std = x_train.mean(0), x_train.std(0) + 1e-6
    to = lambda t: t.to(device)
    return (to((x_train - mean) / std), to(torch.from_numpy(train[1])),
            to((x_test - mean) / std), to(torch.from_numpy(test[1])))


def heat_tile(history: list[list[float]], label: str) -> dict:
    """Rows = layers (first at the top), columns = time; colour = log10 of the gradient norm."""
    grid = np.full((DEPTH, HEAT_COLUMNS), HEAT_RANGE[0])
    if history:
        columns = np.array(history[-HEAT_COLUMNS:]).T          # (DEPTH, time)
        grid[:, :columns.shape[1]] = np.log10(np.maximum(columns, 1e-30))
    image = drawing.upscale(drawing.heat(grid, *HEAT_RANGE), CELL)
    return events.tile(image, label)


def run(config: DemoConfig) -> Iterator[dict]:
    start = time.perf_counter()
    device = resolve_device(config.device)
    _count, threads_line = threads.apply(config.threads, useful=1)
    yield events.text(threads_line)
    total = config.pick("steps", DEFAULTS["steps"])
    batch = config.pick("batch_size", DEFAULTS["batch_size"])
    lr = config.pick("lr", DEFAULTS["lr"])
    log_every = config.pick("log_every", events.every(total, 50))
    heat_every = max(1, math.ceil(total / HEAT_COLUMNS))
    picture_every = events.every(total, 10)

    yield events.text(_("{depth}-layer networks (width {width}) on the shapes images ({side}×{side}), four ways: "
                        "{ways}. SGD lr {lr}, momentum 0.9, batch {batch}, on {device}, {threads} thread(s).").format(
        depth=DEPTH, width=WIDTH, side=SIDE, ways="; ".join(_(LABELS[v]) for v in VARIANTS), lr=lr, batch=batch,
        device=describe(device), threads=torch.get_num_threads()))
    x_train, y_train, x_test, y_test = load_data(config.pick("train_size", DEFAULTS["train_size"]),
                                                 config.pick("test_size", DEFAULTS["test_size"]), config.seed, device)
    seed_everything(config.seed)
    nets = {v: DeepNet(v, x_train.shape[1], 10).to(device) for v in VARIANTS}
    optimisers = {v: torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9) for v, net in nets.items()}
    history: dict[str, list[list[float]]] = {v: [] for v in VARIANTS}
    generator = torch.Generator(device="cpu").manual_seed(config.seed)

    losses = {v: float("nan") for v in VARIANTS}
    for step in range(1, total + 1):
        index = torch.randint(0, len(x_train), (batch,), generator=generator).to(device)
        inputs, labels = x_train[index], y_train[index]
        for variant, net in nets.items():       # the same batch for all four networks
            loss = F.cross_entropy(net(inputs), labels)
            optimisers[variant].zero_grad(set_to_none=True)
            loss.backward()
            if step == 1 or step % heat_every == 0 or step == total:
                history[variant].append(net.gradient_norms())
            optimisers[variant].step()
            losses[variant] = loss.item()
        if step == 1 or step % log_every == 0 or step == total:
            values = {f"loss_{v}": losses[v] for v in VARIANTS}
            values.update({f"first_layer_grad_{v}": history[v][-1][0] for v in VARIANTS})
            yield events.progress(step, total)
            yield events.metric(step, values)
        if config.pictures and (step == 1 or step % picture_every == 0 or step == total):
            yield events.picture(
                "gradients", _("step {step}: |gradient| of each layer's weights (rows: layer 1 at the top, layer "
                               "{depth} at the bottom; columns: time; dark < 1e-7, bright ≈ 10)").format(
                                   step=step, depth=DEPTH),
                [heat_tile(history[v], _("{variant}\nloss {loss}").format(variant=_(LABELS[v]), loss=f"{losses[v]:.3f}"))
                 for v in VARIANTS], step)

    accuracy = {}
    with torch.no_grad():
        for variant, net in nets.items():
            net.eval()
            accuracy[variant] = float((net(x_test).argmax(1) == y_test).float().mean())
    yield events.text(_("test accuracy: ") + ", ".join(f"{_(LABELS[v])} {accuracy[v]:.1%}" for v in VARIANTS))
    yield events.summary("deep", describe(device), time.perf_counter() - start, losses["residual"],
                         test_accuracy=accuracy["residual"], steps=total, depth=DEPTH,
                         final_losses=losses, test_accuracies=accuracy,
                         first_layer_grad_norms={v: history[v][-1][0] for v in VARIANTS})
