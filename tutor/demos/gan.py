"""A small GAN learning a 2-D ring of 8 Gaussians; a live scatter of real vs generated points.

D maximises E[log D(x)] + E[log(1 − D(G(z)))]. G's textbook (minimax, "saturating") loss is to
minimise log(1 − D(G(z))); early on D rejects every fake, D(G(z)) ≈ 0, and the gradient of
that loss vanishes — training stalls. The non-saturating loss (the default) has G maximise
log D(G(z)) instead: the same fixed point, strong gradients exactly when G is losing.
In logits l = D's pre-sigmoid output: log(1 − σ(l)) = −softplus(l), −log σ(l) = softplus(−l).

D gets a head start (it trains alone for the first steps, as when it learns faster than G), so
the game begins with D confidently rejecting fakes; those steps count in --steps and stream
their own metrics (d_loss, d_real, d_fake) so the plot starts moving at once. G learns with
plain SGD + momentum, as in the original GAN paper, so the size of its gradient shows: an
adaptive optimiser like Adam rescales a vanishing gradient and hides the stall. Watch `g_grad`,
the gradient reaching each generated point: with the saturating loss it is thousands of times
smaller and the points barely move.

D judges points in packs of PACK (PacGAN, Lin et al. 2018): it sees four real or four generated
points side by side. A G that puts all its points on a few modes makes packs that look nothing
like real ones (four real points usually come from four different modes), so D catches the
collapse and G is pushed to spread over the whole ring — without packing, this small GAN ends
with about half the modes. Both learning rates fall linearly to a quarter over the game, so the
ring settles instead of the points chasing D around it. The networks are small (64 units), so
a step takes a few milliseconds: most of it goes to the backward passes (three per step), not
to the pictures.
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

MODES = 8
RADIUS = 2.0
MODE_STD = 0.1
NOISE_DIM = 8
EXTENT = (-3.0, 3.0, -3.0, 3.0)
PICTURE_SIZE = 48
DEFAULTS = {"steps": 3100, "batch_size": 256, "lr": 0.02}  # lr: the generator's (SGD)
G_MOMENTUM = 0.5
D_LR = 2e-3
HIDDEN = 64
PACK = 4          # D sees points four at a time (PacGAN): collapse onto a few modes shows
HEAD_START = 100  # D-only steps at the start of the run (at most a quarter of --steps)
FINAL_LR = 0.25   # both learning rates fall linearly to this fraction over the game: the ring settles


def mode_centres() -> torch.Tensor:
    angles = torch.arange(MODES, dtype=torch.float32) * (2 * math.pi / MODES)
    return RADIUS * torch.stack([torch.cos(angles), torch.sin(angles)], dim=1)


def sample_real(n: int, generator: torch.Generator, device: torch.device) -> torch.Tensor:
    centres = mode_centres().to(device)
    which = torch.randint(0, MODES, (n,), generator=generator, device=device)
    return centres[which] + MODE_STD * torch.randn(n, 2, generator=generator, device=device)


def mlp(inputs: int, outputs: int, hidden: int = HIDDEN) -> nn.Sequential:
    return nn.Sequential(nn.Linear(inputs, hidden), nn.LeakyReLU(0.2), nn.Linear(hidden, hidden),
                         nn.LeakyReLU(0.2), nn.Linear(hidden, outputs))


def packed(points: torch.Tensor) -> torch.Tensor:
    """(N, 2) points -> (N / PACK, 2·PACK): each row is PACK points side by side, D's input."""
    return points.reshape(-1, 2 * PACK)


def generator_loss(fake_logits: torch.Tensor, saturating: bool) -> torch.Tensor:
    if saturating:
        return -F.softplus(fake_logits).mean()  # minimise log(1 − D(G(z)))
    return F.softplus(-fake_logits).mean()  # minimise −log D(G(z))


def discriminator_loss(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    # −[log D(x) + log(1 − D(G(z)))], averaged over each batch
    return F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()


def coverage(fake: torch.Tensor) -> tuple[int, float]:
    """(modes holding at least 2% of the generated points within 3σ of their centre,
    mean distance from a generated point to its nearest mode centre)."""
    centres = mode_centres().to(fake.device)
    distance = torch.cdist(fake, centres)
    nearest, which = distance.min(dim=1)
    close = nearest < 3 * MODE_STD
    counts = torch.bincount(which[close], minlength=MODES)
    return int((counts >= 0.02 * len(fake)).sum()), float(nearest.mean())


def _scatter(real: torch.Tensor, fake: torch.Tensor) -> np.ndarray:
    image = drawing.canvas(PICTURE_SIZE, PICTURE_SIZE)
    drawing.scatter(image, fake.cpu().numpy(), drawing.ORANGE, EXTENT)
    drawing.scatter(image, real.cpu().numpy(), drawing.CYAN, EXTENT)  # on top, so the targets stay visible
    return image


@torch.no_grad()
def _picture(step: int, fixed_real: torch.Tensor, generator_net: nn.Module, fixed_noise: torch.Tensor) -> dict:
    samples = generator_net(fixed_noise)
    return events.picture("scatter", _("step {step}: real (cyan) vs generated (orange)").format(step=step),
                          [events.tile(_scatter(fixed_real, samples),
                                       _("{modes}/{all} modes").format(modes=coverage(samples)[0], all=MODES))], step)


# The generator loss in force, by `saturating`, as the setup line names it.
GENERATOR_LOSSES = {True: N_("saturating: minimise log(1 − D(G(z)))"),
                    False: N_("non-saturating: maximise log D(G(z))")}


def run(config: DemoConfig) -> Iterator[dict]:
    start = time.perf_counter()
    device = resolve_device(config.device)
    saturating = config.pick("gen_loss", "non-saturating") == "saturating"
    total = config.pick("steps", DEFAULTS["steps"])
    asked_batch = config.pick("batch_size", DEFAULTS["batch_size"])
    batch = max(PACK, asked_batch - asked_batch % PACK)  # whole packs
    lr = config.pick("lr", DEFAULTS["lr"])
    log_every = config.pick("log_every", events.every(total, 50))
    picture_every = events.every(total, 10)
    _count, threads_line = threads.apply(config.threads, useful=1)
    yield events.text(threads_line)
    if batch != asked_batch:
        yield events.text(_("batch {asked} → {batch}: D judges points in packs of {pack}").format(
            asked=asked_batch, batch=batch, pack=PACK))

    seed_everything(config.seed)
    generator_net = mlp(NOISE_DIM, 2).to(device)
    discriminator = mlp(2 * PACK, 1).to(device)
    g_opt = torch.optim.SGD(generator_net.parameters(), lr=lr, momentum=G_MOMENTUM)
    d_opt = torch.optim.Adam(discriminator.parameters(), lr=D_LR, betas=(0.5, 0.999))
    rng = torch.Generator(device=device)
    rng.manual_seed(config.seed)
    fixed_noise = torch.randn(512, NOISE_DIM, generator=rng, device=device)
    fixed_real = sample_real(512, rng, device)
    yield events.text(_("GAN on a ring of {modes} Gaussians: generator loss {loss}; G: SGD lr {g_lr} momentum "
                        "{g_momentum}, D: Adam lr {d_lr} (both falling to {final} by the end), D judging packs of "
                        "{pack} points; batch {batch}, on {device}").format(
        modes=MODES, loss=_(GENERATOR_LOSSES[saturating]), g_lr=lr, g_momentum=G_MOMENTUM, d_lr=D_LR,
        final=f"{FINAL_LR:.0%}", pack=PACK, batch=batch, device=describe(device)))

    # D's head start, streamed: the learner watches D(x) rise and D(G(z)) fall before the game.
    head_start = min(HEAD_START, total // 4)
    head_every = max(1, head_start // 10)
    head_sums = torch.zeros(3, device=device)
    head_count = 0
    for step in range(1, head_start + 1):
        fake = generator_net(torch.randn(batch, NOISE_DIM, generator=rng, device=device)).detach()
        real_logits = discriminator(packed(sample_real(batch, rng, device)))
        fake_logits = discriminator(packed(fake))
        d_loss = discriminator_loss(real_logits, fake_logits)
        d_opt.zero_grad(set_to_none=True)
        d_loss.backward()
        d_opt.step()
        with torch.no_grad():
            head_sums += torch.stack([d_loss, torch.sigmoid(real_logits).mean(), torch.sigmoid(fake_logits).mean()])
        head_count += 1
        if config.pictures and step == 1:
            yield _picture(step, fixed_real, generator_net, fixed_noise)
        if step == 1 or step % head_every == 0 or step == head_start:
            yield events.progress(step, total)
            yield events.metric(step, dict(zip(("d_loss", "d_real", "d_fake"), (head_sums / head_count).tolist())))
            head_sums.zero_()
            head_count = 0
    with torch.no_grad():
        d_fake = float(torch.sigmoid(discriminator(packed(generator_net(fixed_noise)))).mean())
    if head_start:
        yield events.text(_("D trained alone for {steps} steps first: D(G(z)) ≈ {d_fake} — it rejects the fakes; "
                            "now G joins the game").format(steps=head_start, d_fake=f"{d_fake:.2g}"), head_start)

    game = total - head_start
    decay = lambda done: 1 - (1 - FINAL_LR) * done / max(1, game)  # noqa: E731
    schedules = [torch.optim.lr_scheduler.LambdaLR(opt, decay) for opt in (g_opt, d_opt)]
    names = ("d_loss", "g_loss", "d_real", "d_fake", "g_grad")
    sums = torch.zeros(len(names), device=device)  # summed on the device: no sync per step
    count = 0
    g_loss_value = float("nan")
    modes, distance = 0, float("nan")
    for step in range(head_start + 1, total + 1):
        real = sample_real(batch, rng, device)
        fake = generator_net(torch.randn(batch, NOISE_DIM, generator=rng, device=device))
        # D step: fakes detached, so only D's parameters move.
        real_logits = discriminator(packed(real))
        fake_logits = discriminator(packed(fake.detach()))
        d_loss = discriminator_loss(real_logits, fake_logits)
        d_opt.zero_grad(set_to_none=True)
        d_loss.backward()
        d_opt.step()
        # G step: gradients flow through D into G; only G's optimiser steps.
        fake.retain_grad()
        g_loss = generator_loss(discriminator(packed(fake)), saturating)
        g_opt.zero_grad(set_to_none=True)
        g_loss.backward()
        g_opt.step()
        for schedule in schedules:
            schedule.step()
        # The gradient reaching one generated point (the mean over packs divides it by their number).
        g_grad = fake.grad.norm(dim=1).mean() * (batch // PACK)

        with torch.no_grad():
            sums += torch.stack([d_loss, g_loss, torch.sigmoid(real_logits).mean(),
                                 torch.sigmoid(fake_logits).mean(), g_grad])
        count += 1
        if step == head_start + 1 or step % log_every == 0 or step == total:
            with torch.no_grad():
                samples = generator_net(fixed_noise)
            modes, distance = coverage(samples)
            values = dict(zip(names, (sums / count).tolist()))
            g_loss_value = values["g_loss"]
            values.update(modes_covered=modes, distance_to_modes=distance)
            yield events.progress(step, total)
            yield events.metric(step, values)
            sums.zero_()
            count = 0
        if config.pictures and (step % picture_every == 0 or step == total or step == head_start + 1):
            yield _picture(step, fixed_real, generator_net, fixed_noise)
    yield events.summary("gan", describe(device), time.perf_counter() - start, g_loss_value,
                         gen_loss="saturating" if saturating else "non-saturating", steps=total,
                         modes_covered=modes, distance_to_modes=distance)
