"""A small DDPM learning the GAN demo's ring of 8 Gaussians, then sampling: noise becomes the ring.

Training (Ho et al. 2020, algorithm 1): pick a data point x0, a step t and noise ε, jump to
x_t = √ᾱ_t·x0 + √(1 − ᾱ_t)·ε in one go, and regress the model's ε̂(x_t, t) onto ε with an MSE.
Sampling (algorithm 2): start from x_T ~ N(0, I) and apply the reverse step T times,
x_{t−1} = (x_t − β_t/√(1 − ᾱ_t)·ε̂)/√α_t + √β_t·z, with no z on the last step.

The ring is the GAN demo's (tutor.demos.gan), unscaled: radius 2, a per-coordinate std of about
1.4, close enough to the unit scale DDPM's N(0, I) start assumes (dividing by the radius made
the modes narrower than the model resolved in a few thousand steps: samples landed farther from the
centres). Modes are counted by the GAN demo's rule, so the two demos' "modes covered" compare
directly.

`--mine` swaps in the learner's own functions from the ddpm_forward, ddpm_loss and
ddpm_sample_step exercises — each one only if the exercise is passed and the file still agrees
with the built-in on a small input; the demo says which ones it used.
"""
from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import nn

from tutor.demos import drawing, events, gan, threads
from tutor.demos.config import DemoConfig
from tutor.demos.device import describe, resolve_device, seed_everything
from tutor.i18n.catalog import _

T = 100                                   # diffusion steps: plenty for a 2-D distribution
BETA_START, BETA_END = 1e-4, 0.2          # ᾱ_{T−1} ≈ 2·10⁻⁵: x_{T−1} is pure noise, as sampling assumes
DEFAULTS = {"steps": 4500, "batch_size": 256, "lr": 2e-3}
SAMPLES = 1000                            # points drawn when counting modes
PICTURE_SIZE = 40
SNAPSHOTS = (T, 60, 30, 15, 5, 0)         # denoising steps shown side by side (T = pure noise)
EMBED = 16                                # sinusoidal features of t


# -- the built-in DDPM functions (the exercises' contract: same names, same arguments) ----------
def linear_beta_schedule(T: int, beta_start: float = 1e-4, beta_end: float = 0.02) -> torch.Tensor:
    return torch.linspace(beta_start, beta_end, T)


def alpha_bar(betas: torch.Tensor) -> torch.Tensor:
    return torch.cumprod(1 - betas, dim=0)


def q_sample(x0: torch.Tensor, t: torch.Tensor, noise: torch.Tensor, alphas_cumprod: torch.Tensor) -> torch.Tensor:
    a_bar = alphas_cumprod[t].reshape(-1, *([1] * (x0.dim() - 1)))
    return a_bar.sqrt() * x0 + (1 - a_bar).sqrt() * noise


def make_ddpm_loss(q_sample_fn: Callable) -> Callable:
    """The built-in loss, built on whichever q_sample is in use (the learner's, with --mine)."""
    def ddpm_loss(model, x0, t, noise, alphas_cumprod):
        return ((model(q_sample_fn(x0, t, noise, alphas_cumprod), t) - noise) ** 2).mean()
    return ddpm_loss


def p_sample_step(model, x_t, t: int, noise, betas, alphas_cumprod):
    predicted = model(x_t, torch.full((x_t.shape[0],), t, dtype=torch.long, device=x_t.device))
    mean = (x_t - betas[t] / (1 - alphas_cumprod[t]).sqrt() * predicted) / (1 - betas[t]).sqrt()
    return mean if t == 0 else mean + betas[t].sqrt() * noise


@dataclass
class Toolkit:
    linear_beta_schedule: Callable = linear_beta_schedule
    alpha_bar: Callable = alpha_bar
    q_sample: Callable = q_sample
    ddpm_loss: Callable | None = None
    p_sample_step: Callable = p_sample_step
    mine: list[str] = field(default_factory=list)      # the functions that are the learner's

    def __post_init__(self) -> None:
        if self.ddpm_loss is None:
            self.ddpm_loss = make_ddpm_loss(self.q_sample)


# -- the learner's functions (--mine) ----------------------------------------------------------
EXERCISE_FUNCTIONS = {"ddpm_forward": ("linear_beta_schedule", "alpha_bar", "q_sample"),
                      "ddpm_loss": ("ddpm_loss",), "ddpm_sample_step": ("p_sample_step",)}


def _check_model(gen: torch.Generator) -> nn.Module:
    """The grader's own small ε-model for these exercises (tutor.demos.tiny_eps), with random weights."""
    from tutor.demos.tiny_eps import TinyEpsModel

    hidden, freqs = 8, torch.tensor([0.05, 0.5])
    return TinyEpsModel({"freqs": freqs, "hidden.weight": 0.5 * torch.randn(hidden, 2 + 2 * len(freqs), generator=gen),
                         "hidden.bias": 0.1 * torch.randn(hidden, generator=gen),
                         "out.weight": 0.5 * torch.randn(2, hidden, generator=gen), "out.bias": torch.zeros(2)})


def _agrees(exercise_id: str, module) -> bool:
    """The learner's functions give the built-ins' answers on a small input (the file may have changed
    since it passed)."""
    gen = torch.Generator().manual_seed(0)
    betas = linear_beta_schedule(10, 0.01, 0.3)
    a_bar = alpha_bar(betas)
    x = torch.randn(4, 2, generator=gen)
    noise = torch.randn(4, 2, generator=gen)
    t = torch.tensor([0, 3, 7, 9])
    model = _check_model(gen)
    close = lambda a, b: isinstance(a, torch.Tensor) and a.shape == b.shape and torch.allclose(a.float(), b, atol=1e-5)
    with torch.no_grad():
        if exercise_id == "ddpm_forward":
            return (close(module.linear_beta_schedule(10, 0.01, 0.3), betas) and close(module.alpha_bar(betas), a_bar)
                    and close(module.q_sample(x, t, noise, a_bar), q_sample(x, t, noise, a_bar)))
        if exercise_id == "ddpm_loss":
            return close(module.ddpm_loss(model, x, t, noise, a_bar), make_ddpm_loss(q_sample)(model, x, t, noise, a_bar))
        return all(close(module.p_sample_step(model, x, s, noise, betas, a_bar),
                         p_sample_step(model, x, s, noise, betas, a_bar)) for s in (0, 5))


def learner_toolkit() -> tuple[Toolkit, list[str]]:
    """The learner's passed functions where usable, the built-ins elsewhere; and a line per exercise."""
    from tutor.demos.learner_parts import learner_module, read_passed

    chosen: dict[str, Callable] = {}
    notes = []
    # The same rules and confinement as the gpt demo's: read first (passed, unchanged since), then run.
    sources, skipped = read_passed(EXERCISE_FUNCTIONS)
    for exercise_id, names in EXERCISE_FUNCTIONS.items():
        if exercise_id in skipped:
            notes.append(_("{exercise}: {reason} — built-in {names}").format(
                exercise=exercise_id, reason=skipped[exercise_id], names=", ".join(names)))
            continue
        try:
            module = learner_module(f"dltutor_mine_{exercise_id}", *sources[exercise_id])
            usable = _agrees(exercise_id, module)  # and it still computes what the built-ins do
        except Exception as exc:  # noqa: BLE001 - learner code: any failure means "use the built-in"
            notes.append(_("{exercise}: your file raised {kind}: {error} — built-in instead").format(
                exercise=exercise_id, kind=type(exc).__name__, error=exc))
            continue
        if not usable:
            notes.append(_("{exercise}: your file no longer matches what passed — built-in {names}").format(
                exercise=exercise_id, names=", ".join(names)))
            continue
        chosen.update({name: getattr(module, name) for name in names})
        notes.append(_("{exercise}: yours ({names})").format(exercise=exercise_id, names=", ".join(names)))
    toolkit = Toolkit(**chosen, mine=sorted(chosen))
    return toolkit, notes


# -- the model ---------------------------------------------------------------------------------
class TimeMLP(nn.Module):
    freqs: torch.Tensor      # a buffer
    """ε̂(x_t, t): the point and sinusoidal features of t through a small MLP."""

    def __init__(self, hidden: int = 128) -> None:
        super().__init__()
        self.register_buffer("freqs", torch.exp(-math.log(1000.0) * torch.arange(EMBED // 2) / (EMBED // 2)))
        self.net = nn.Sequential(nn.Linear(2 + EMBED, hidden), nn.SiLU(), nn.Linear(hidden, hidden), nn.SiLU(),
                                 nn.Linear(hidden, hidden), nn.SiLU(), nn.Linear(hidden, 2))

    def forward(self, x_t: torch.Tensor, t) -> torch.Tensor:
        t = torch.as_tensor(t, device=x_t.device).reshape(-1).expand(x_t.shape[0]).to(x_t.dtype)
        angles = t[:, None] * self.freqs[None, :]
        return self.net(torch.cat([x_t, torch.sin(angles), torch.cos(angles)], dim=1))


# -- sampling and pictures ---------------------------------------------------------------------
@torch.no_grad()
def sample(model: nn.Module, toolkit: Toolkit, betas, alphas_cumprod, x_T: torch.Tensor,
           noises: torch.Tensor, keep: tuple[int, ...] = ()) -> tuple[torch.Tensor, dict[int, torch.Tensor]]:
    """Run the reverse chain from x_T; returns x_0 and the points at the steps in `keep`
    (T means the starting noise, s < T the points after the step from s)."""
    x = x_T
    kept = {T: x.clone()} if T in keep else {}
    for t in range(T - 1, -1, -1):
        x = toolkit.p_sample_step(model, x, t, noises[t], betas, alphas_cumprod)
        if t in keep:
            kept[t] = x.clone()
    return x, kept


def _scatter(points: torch.Tensor) -> np.ndarray:
    image = drawing.canvas(PICTURE_SIZE, PICTURE_SIZE)
    drawing.scatter(image, points.cpu().numpy(), drawing.ORANGE, gan.EXTENT)
    drawing.scatter(image, gan.mode_centres().numpy(), drawing.CYAN, gan.EXTENT)   # on top: the targets stay visible
    return image


def _tile(points: torch.Tensor, label: str) -> dict:
    return events.tile(_scatter(points), label)


# -- the run -----------------------------------------------------------------------------------
def run(config: DemoConfig) -> Iterator[dict]:
    start = time.perf_counter()
    device = resolve_device(config.device)
    total = config.pick("steps", DEFAULTS["steps"])
    batch = config.pick("batch_size", DEFAULTS["batch_size"])
    lr = config.pick("lr", DEFAULTS["lr"])
    log_every = config.pick("log_every", events.every(total, 50))
    check_every = events.every(total, 5)
    # The model's matrices are tiny (256 × 146 at most): more threads only add synchronisation
    # (on a busy 2-core machine, 4× the CPU time for the same run), hence useful=1.
    _count, threads_line = threads.apply(config.threads, useful=1)
    yield events.text(threads_line)

    toolkit, notes = learner_toolkit() if config.mine else (Toolkit(), [])
    for note in notes:
        yield events.text(note)
    if config.mine:
        yield events.text(_("using your ") + ", ".join(toolkit.mine) if toolkit.mine
                          else _("none of your ddpm functions is passed and usable yet: the demo runs on the built-ins"))

    seed_everything(config.seed)
    betas = toolkit.linear_beta_schedule(T, BETA_START, BETA_END).to(device=device, dtype=torch.float32)
    alphas_cumprod = toolkit.alpha_bar(betas)
    model = TimeMLP().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=total, eta_min=lr / 20)
    rng = torch.Generator(device=device)
    rng.manual_seed(config.seed)
    # Fixed starting noise and per-step noise, so the pictures over training are comparable.
    x_T = torch.randn(SAMPLES, 2, generator=rng, device=device)
    noises = torch.randn(T, SAMPLES, 2, generator=rng, device=device)
    yield events.text(_("DDPM on a ring of {modes} Gaussians: T = {steps} steps, β from {beta_start} to {beta_end} "
                        "(ᾱ at the last step {alpha_bar}); ε-model: MLP, Adam lr {lr}, batch {batch}, on {device}").format(
        modes=gan.MODES, steps=T, beta_start=BETA_START, beta_end=BETA_END, alpha_bar=f"{float(alphas_cumprod[-1]):.1e}",
        lr=lr, batch=batch, device=describe(device)))

    sums, count, loss_value = torch.zeros((), device=device), 0, float("nan")
    modes, distance = 0, float("nan")
    for step in range(1, total + 1):
        x0 = gan.sample_real(batch, rng, device)
        t = torch.randint(0, T, (batch,), generator=rng, device=device)
        noise = torch.randn(batch, 2, generator=rng, device=device)
        assert toolkit.ddpm_loss is not None   # the built-in when the learner has none
        loss = toolkit.ddpm_loss(model, x0, t, noise, alphas_cumprod)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        scheduler.step()
        sums += loss.detach()
        count += 1
        if step == 1 or step % log_every == 0 or step == total:  # the first step too: a metric within seconds
            loss_value = float(sums) / count
            sums.zero_()
            count = 0
            values = {"loss": loss_value}
            if step % check_every == 0 or step == total:
                model.eval()
                samples, _trajectory = sample(model, toolkit, betas, alphas_cumprod, x_T, noises)
                model.train()
                modes, distance = gan.coverage(samples)
                values.update(modes_covered=modes, distance_to_modes=distance)
                if config.pictures:
                    yield events.picture("samples", _("step {step}: {steps} denoising steps from the same noise").format(
                                             step=step, steps=T),
                                         [_tile(samples, _("{modes}/{all} modes").format(modes=modes, all=gan.MODES))],
                                         step)
            yield events.progress(step, total)
            yield events.metric(step, values)

    model.eval()
    samples, kept = sample(model, toolkit, betas, alphas_cumprod, x_T, noises, keep=SNAPSHOTS)
    modes, distance = gan.coverage(samples)
    if config.pictures:
        tiles = [_tile(kept[s], _("pure noise") if s == T else f"t = {s}") for s in SNAPSHOTS]
        yield events.picture("denoising", _("sampling: x_T ~ N(0, I) (left) becomes the ring (right), "
                                            "mode centres in cyan"), tiles, total)
    if modes < gan.MODES and total < DEFAULTS["steps"]:
        yield events.text(_("modes covered: {modes}/{all} after a short run of {total} steps; the full run "
                            "({full} steps) covers all {all}.").format(modes=modes, all=gan.MODES, total=total,
                                                                       full=DEFAULTS["steps"]))
    yield events.text(_("modes covered: {modes}/{all} (mean distance to the nearest centre {distance}). The GAN demo "
                        "on the same ring, with the same rule, can lose modes: its generator only goes where it "
                        "fools the discriminator. The DDPM's loss is a regression on every training point at every "
                        "noise level, so no mode is left without a pull.").format(
        modes=modes, all=gan.MODES, distance=f"{distance:.3f}"))
    yield events.summary("diffusion", describe(device), time.perf_counter() - start, loss_value, steps=total,
                         diffusion_steps=T, modes_covered=modes, distance_to_modes=distance,
                         mine=toolkit.mine)
