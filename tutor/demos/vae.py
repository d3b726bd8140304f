"""A small convolutional VAE on the built-in shapes images.

Loss per image = reconstruction + KL, where reconstruction is the binary cross-entropy summed
over the 3·32·32 pixel values (the decoder outputs Bernoulli means) and
KL(q_φ(z|x) ‖ p(z)) = −½ Σ (1 + log σ² − μ² − σ²), summed over the latent dimensions.
z = μ + σ·ε with ε ~ N(0, I) (the reparameterisation trick keeps the sampling differentiable).
"""
from __future__ import annotations

import math
import time
from collections.abc import Iterator

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from tutor.demos import events, threads
from tutor.demos.config import DemoConfig
from tutor.demos.device import describe, resolve_device, seed_everything
from tutor.i18n.catalog import _

LATENT = 16
DEFAULTS = {"epochs": 5, "batch_size": 128, "lr": 2e-3, "train_size": 10_000, "test_size": 1_000}


class VAE(nn.Module):
    def __init__(self, latent: int = LATENT) -> None:
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(3, 32, 4, 2, 1), nn.ReLU(),   # 32×16×16
            nn.Conv2d(32, 64, 4, 2, 1), nn.ReLU(),  # 64×8×8
            nn.Flatten(),
        )
        self.to_stats = nn.Linear(64 * 8 * 8, 2 * latent)  # μ and log σ²
        self.from_latent = nn.Linear(latent, 64 * 8 * 8)
        self.decoder = nn.Sequential(
            nn.ReLU(), nn.Unflatten(1, (64, 8, 8)),
            nn.ConvTranspose2d(64, 32, 4, 2, 1), nn.ReLU(),  # 32×16×16
            nn.ConvTranspose2d(32, 3, 4, 2, 1),              # 3×32×32 logits
        )

    def encode(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        mu, logvar = self.to_stats(self.encoder(x)).chunk(2, dim=1)
        return mu, logvar

    def decode_logits(self, z: torch.Tensor) -> torch.Tensor:
        return self.decoder(self.from_latent(z))

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        mu, logvar = self.encode(x)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        return self.decode_logits(z), mu, logvar


def vae_terms(logits: torch.Tensor, x: torch.Tensor, mu: torch.Tensor, logvar: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """(reconstruction, KL), each summed per image and averaged over the batch."""
    n = len(x)
    # BCE on logits: the stable form of BCE(sigmoid(logits), x).
    reconstruction = F.binary_cross_entropy_with_logits(logits, x, reduction="sum") / n
    kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp()) / n
    return reconstruction, kl


def _to_uint8(x: torch.Tensor) -> np.ndarray:
    """(3, H, W) in [0, 1] -> (H, W, 3) uint8."""
    return (x.clamp(0, 1) * 255).round().byte().permute(1, 2, 0).cpu().numpy()


@torch.inference_mode()
def _pictures(model: VAE, examples: torch.Tensor, prior: torch.Tensor, step: int, epoch: int) -> list[dict]:
    model.eval()
    mu, _logvar = model.encode(examples)
    reconstructions = torch.sigmoid(model.decode_logits(mu))  # the mean reconstruction
    pairs = [events.tile(np.concatenate([_to_uint8(x), _to_uint8(r)], axis=1), _("input | reconstruction"))
             for x, r in zip(examples, reconstructions)]
    samples = torch.sigmoid(model.decode_logits(prior))
    model.train()
    return [
        events.picture("reconstructions", _("epoch {epoch}: test images and their reconstructions").format(epoch=epoch),
                       pairs, step),
        events.picture("samples", _("epoch {epoch}: new images decoded from z ~ N(0, I)").format(epoch=epoch),
                       [events.tile(_to_uint8(s), _("sample {number}").format(number=i + 1)) for i, s in enumerate(samples)],
                       step),
    ]


def run(config: DemoConfig) -> Iterator[dict]:
    from tutor.data.shapes import load_shapes

    start = time.perf_counter()
    device = resolve_device(config.device)
    _count, threads_line = threads.apply(config.threads, useful=None)
    yield events.text(threads_line)
    train_size = config.pick("train_size", DEFAULTS["train_size"])
    test_size = config.pick("test_size", DEFAULTS["test_size"])
    yield events.text(_("drawing {count} shape images…").format(count=f"{train_size + test_size:,}"))
    shapes = load_shapes(train_size, test_size, seed=config.seed)
    x_train = torch.from_numpy(shapes.train_images).permute(0, 3, 1, 2).contiguous().to(device)
    x_test = torch.from_numpy(shapes.test_images).permute(0, 3, 1, 2).contiguous().to(device)

    batch = config.pick("batch_size", DEFAULTS["batch_size"])
    epochs = config.pick("epochs", DEFAULTS["epochs"])
    steps_per_epoch = math.ceil(train_size / batch)
    total = min(epochs * steps_per_epoch, config.pick("steps", epochs * steps_per_epoch))
    epochs = math.ceil(total / steps_per_epoch)
    log_every = config.pick("log_every", events.every(total, 40))
    lr = config.pick("lr", DEFAULTS["lr"])

    seed_everything(config.seed)
    model = VAE().to(device)
    optimiser = torch.optim.Adam(model.parameters(), lr=lr)
    rng = torch.Generator(device=device)
    rng.manual_seed(config.seed)
    examples = x_test[:4].float() / 255
    prior = torch.randn(6, LATENT, generator=rng, device=device)
    yield events.text(_("VAE with a {latent}-d latent on {images} images, batch {batch}, Adam lr {lr}, {epochs} "
                        "epoch(s), on {device}").format(latent=LATENT, images=f"{train_size:,}", batch=batch, lr=lr,
                                                        epochs=epochs, device=describe(device)))

    step = 0
    window = torch.zeros(2, device=device)
    window_steps = 0
    last = {"loss": float("nan"), "reconstruction": float("nan"), "kl": float("nan")}
    for epoch in range(1, epochs + 1):
        order = torch.randperm(train_size, generator=rng, device=device)
        for first in range(0, train_size, batch):
            if step >= total:
                break
            x = x_train[order[first:first + batch]].float() / 255
            logits, mu, logvar = model(x)
            reconstruction, kl = vae_terms(logits, x, mu, logvar)
            loss = reconstruction + kl
            optimiser.zero_grad(set_to_none=True)
            loss.backward()
            optimiser.step()
            step += 1
            window += torch.stack([reconstruction.detach(), kl.detach()])
            window_steps += 1
            if step == 1 or step % log_every == 0 or step == total:  # the first step too: a metric within seconds
                rec, kl_value = (window / window_steps).tolist()
                last = {"loss": rec + kl_value, "reconstruction": rec, "kl": kl_value}
                window.zero_()
                window_steps = 0
                yield events.progress(step, total, epoch, epochs)
                yield events.metric(step, last, epoch)
        if len(x_test):
            with torch.inference_mode():
                x = x_test.float() / 255
                logits, mu, logvar = model(x)
                test_rec, test_kl = vae_terms(logits, x, mu, logvar)
            yield events.metric(step, {"test_loss": float(test_rec + test_kl), "test_reconstruction": float(test_rec),
                                       "test_kl": float(test_kl)}, epoch)
        if config.pictures and len(x_test):
            yield from _pictures(model, examples, prior, step, epoch)
    yield events.summary("vae", describe(device), time.perf_counter() - start, last["loss"],
                         reconstruction=last["reconstruction"], kl=last["kl"], steps=step, epochs=epochs,
                         batch_size=batch, train_size=train_size)
