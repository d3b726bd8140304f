"""A tiny attention model learns to reverse a sequence; the heat map shows the alignment forming.

Output position i must produce input token x[T−1−i]. The queries know only their output
position; the keys know each input token and its position; the values carry only the tokens.
So the one way to solve the task is to attend from output i to input T−1−i: the attention
weights softmax(q·kᵀ/√d) have to become the anti-diagonal, and the heat map shows it happen.
"""
from __future__ import annotations

import math
import time
from collections.abc import Iterator

import torch
import torch.nn.functional as F
from torch import nn

from tutor.demos import drawing, events, threads
from tutor.demos.config import DemoConfig
from tutor.demos.device import describe, resolve_device, seed_everything
from tutor.i18n.catalog import _

LENGTH = 8
VOCABULARY = 10
D_MODEL = 32
CELL = 4  # pixels per heat-map cell
DEFAULTS = {"steps": 400, "batch_size": 64, "lr": 1e-3}


class ReverseAttention(nn.Module):
    def __init__(self, length: int = LENGTH, vocabulary: int = VOCABULARY, d: int = D_MODEL) -> None:
        super().__init__()
        self.token = nn.Embedding(vocabulary, d)
        self.in_position = nn.Parameter(torch.randn(length, d) * 0.5)
        self.out_position = nn.Parameter(torch.randn(length, d) * 0.5)
        self.q = nn.Linear(d, d, bias=False)
        self.k = nn.Linear(d, d, bias=False)
        self.v = nn.Linear(d, d, bias=False)
        self.head = nn.Linear(d, vocabulary)

    def forward(self, tokens: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """tokens (N, T) -> (logits (N, T, vocabulary), attention weights (N, T queries, T keys))."""
        content = self.token(tokens)                       # (N, T, d)
        q = self.q(self.out_position).expand(len(tokens), -1, -1)
        k = self.k(content + self.in_position)
        v = self.v(content)
        scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
        weights = torch.softmax(scores, dim=-1)            # each query's weights sum to 1
        return self.head(weights @ v), weights


def _batch(n: int, generator: torch.Generator, device: torch.device) -> tuple[torch.Tensor, torch.Tensor]:
    tokens = torch.randint(0, VOCABULARY, (n, LENGTH), generator=generator, device=device)
    return tokens, tokens.flip(1)


def alignment(weights: torch.Tensor) -> float:
    """Mean attention weight on the reversing key (1.0 = the perfect anti-diagonal)."""
    return float(weights.flip(-1).diagonal(dim1=-2, dim2=-1).mean())


def run(config: DemoConfig) -> Iterator[dict]:
    start = time.perf_counter()
    device = resolve_device(config.device)
    _count, threads_line = threads.apply(config.threads, useful=1)
    yield events.text(threads_line)
    total = config.pick("steps", DEFAULTS["steps"])
    batch = config.pick("batch_size", DEFAULTS["batch_size"])
    lr = config.pick("lr", DEFAULTS["lr"])
    log_every = config.pick("log_every", events.every(total, 40))
    picture_every = events.every(total, 16)

    seed_everything(config.seed)
    model = ReverseAttention().to(device)
    optimiser = torch.optim.Adam(model.parameters(), lr=lr)
    rng = torch.Generator(device=device)
    rng.manual_seed(config.seed)
    shown, shown_target = _batch(1, rng, device)
    test_tokens, test_targets = _batch(1000, rng, device)
    yield events.text(_("reverse sequences of {length} digits with one attention layer (d = {width}), batch {batch}, "
                        "Adam lr {lr}, on {device}").format(length=LENGTH, width=D_MODEL, batch=batch, lr=lr,
                                                           device=describe(device)))

    last_loss = float("nan")
    accuracy = float("nan")
    window_loss = torch.zeros((), device=device)
    window_steps = 0
    for step in range(1, total + 1):
        tokens, targets = _batch(batch, rng, device)
        logits, _weights = model(tokens)
        loss = F.cross_entropy(logits.reshape(-1, VOCABULARY), targets.reshape(-1))
        optimiser.zero_grad(set_to_none=True)
        loss.backward()
        optimiser.step()
        window_loss += loss.detach()
        window_steps += 1
        if step == 1 or step % log_every == 0 or step == total:  # the first step too: a metric within seconds
            last_loss = float(window_loss) / window_steps
            window_loss.zero_()
            window_steps = 0
            with torch.inference_mode():
                test_logits, test_weights = model(test_tokens)
                correct = test_logits.argmax(-1) == test_targets
                accuracy = float(correct.float().mean())
                values = {"loss": last_loss, "token_accuracy": accuracy,
                          "sequence_accuracy": float(correct.all(dim=1).float().mean()),
                          "alignment": alignment(test_weights)}
            yield events.progress(step, total)
            yield events.metric(step, values)
        if config.pictures and (step == 1 or step % picture_every == 0 or step == total):
            with torch.inference_mode():
                logits, weights = model(shown)
            output = logits.argmax(-1)[0].tolist()
            heat = drawing.upscale(drawing.heat(weights[0].cpu().numpy(), 0.0, 1.0), CELL)
            label = _("in  {input}\nout {output}").format(input=" ".join(map(str, shown[0].tolist())),
                                                          output=" ".join(map(str, output)))
            yield events.picture(
                "attention", _("step {step}: attention weights (row = output position, column = input position)").format(
                    step=step),
                [events.tile(heat, label)], step)
    yield events.summary("attention", describe(device), time.perf_counter() - start, last_loss,
                         test_accuracy=accuracy, steps=total, sequence_length=LENGTH)
