"""Gradient descent with and without momentum on a 2-D loss surface, both paths drawn.

Both runs start at the same point with the same learning rate and torch.optim.SGD; one has
momentum 0.9. On the ravine f(x, y) = ½(x² + 100·y²) the steep direction limits the learning
rate, so plain gradient descent zig-zags across the ravine and crawls along it; momentum
averages the zig-zag away and builds up speed along the floor. The Rosenbrock valley
f(x, y) = (1 − x)² + 100·(y − x²)² is the classic curved version of the same problem.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import numpy as np
import torch

from tutor.demos import drawing, events, threads
from tutor.demos.config import DemoConfig
from tutor.demos.device import describe, resolve_device
from tutor.i18n.catalog import _

MOMENTUM = 0.9
WIDTH, HEIGHT = 64, 40


def ravine(x, y):
    return 0.5 * (x ** 2 + 100.0 * y ** 2)


def rosenbrock(x, y):
    return (1 - x) ** 2 + 100.0 * (y - x ** 2) ** 2


# name -> (f, start, minimum, default lr, default steps, extent (xmin, xmax, ymin, ymax))
SURFACES: dict[str, tuple[Callable, tuple[float, float], tuple[float, float], float, int, tuple]] = {
    "ravine": (ravine, (-5.0, 0.3), (0.0, 0.0), 0.018, 150, (-5.5, 3.0, -0.6, 0.6)),
    "rosenbrock": (rosenbrock, (-1.5, 2.0), (1.0, 1.0), 0.0008, 2000, (-2.0, 2.0, -1.0, 3.0)),
}


def _surface_image(f: Callable, extent: tuple) -> np.ndarray:
    xmin, xmax, ymin, ymax = extent
    xs = np.linspace(xmin, xmax, WIDTH)
    ys = np.linspace(ymax, ymin, HEIGHT)  # top row = largest y
    grid_x, grid_y = np.meshgrid(xs, ys)
    return drawing.heat(np.log1p(f(grid_x, grid_y)))  # log: the valley floor is what matters


def run(config: DemoConfig) -> Iterator[dict]:
    start_time = time.perf_counter()
    device = resolve_device(config.device)  # two numbers: the CPU is as good as any, but honour the request
    name = config.pick("surface", "ravine")
    f, start, minimum, default_lr, default_steps, extent = SURFACES[name]
    lr = config.pick("lr", default_lr)
    total = config.pick("steps", default_steps)
    log_every = config.pick("log_every", events.every(total, 50))
    picture_every = events.every(total, 10)
    background = _surface_image(f, extent)
    yield events.text(threads.apply(config.threads, useful=1)[1])  # two numbers: nothing to split

    # The same start and learning rate; the only difference is momentum.
    runs = {}
    for label, momentum in (("plain", 0.0), ("momentum", MOMENTUM)):
        point = torch.tensor(start, dtype=torch.float64, device=device, requires_grad=True)
        runs[label] = (point, torch.optim.SGD([point], lr=lr, momentum=momentum), [list(start)])
    yield events.text(_("{surface}: gradient descent from {start} with lr {lr}, without and with momentum "
                        "{momentum}; the minimum is at {minimum}").format(surface=name, start=start, lr=lr,
                                                                          momentum=MOMENTUM, minimum=minimum))

    losses = {label: float(f(*map(float, start))) for label in runs}
    for step in range(1, total + 1):
        for label, (point, optimiser, path) in runs.items():
            optimiser.zero_grad()
            loss = f(point[0], point[1])
            loss.backward()
            optimiser.step()
            with torch.no_grad():
                losses[label] = float(f(point[0], point[1]))
            path.append(point.detach().tolist())
        if step == 1 or step % log_every == 0 or step == total:  # the first step too: a metric within seconds
            yield events.progress(step, total)
            values = {}
            for label, (point, _optimiser, _path) in runs.items():
                values[f"loss_{label}"] = losses[label]
                values[f"distance_{label}"] = float(np.hypot(*(np.array(point.detach().tolist()) - minimum)))
            yield events.metric(step, values)
        if config.pictures and (step % picture_every == 0 or step == total):
            image = background.copy()
            drawing.path(image, np.array(runs["momentum"][2]), drawing.RED, extent)
            drawing.path(image, np.array(runs["plain"][2]), drawing.WHITE, extent)  # on top: it is the thinner one
            drawing.scatter(image, np.array([minimum]), drawing.CYAN, extent)
            yield events.picture(
                "paths", _("step {step}: plain gradient descent (white) and with momentum (red) on the {surface}").format(
                    step=step, surface=name),
                [events.tile(image, _("loss: plain {plain}, momentum {momentum}").format(
                    plain=f"{losses['plain']:.3g}", momentum=f"{losses['momentum']:.3g}"))], step)
    final = {label: losses[label] for label in runs}
    yield events.summary("gd", describe(device), time.perf_counter() - start_time, final["momentum"],
                         final_loss_plain=final["plain"], final_loss_momentum=final["momentum"], surface=name,
                         steps=total, lr=lr)
