"""A character-level LSTM learning the shipped fables, printing samples as it learns.

Each step takes a batch of random windows of the text; the target at every position is the next
character. The loss is the mean cross-entropy in nats per character (ln(vocabulary) is a
uniform guess; bits per character = nats / ln 2). Samples are drawn one character at a time
from softmax(logits / temperature), feeding each character back in with the LSTM's state.
"""
from __future__ import annotations

import math
import time
from collections.abc import Iterator

import torch
import torch.nn.functional as F
from torch import nn

from tutor.demos import events, threads
from tutor.demos.config import DemoConfig
from tutor.demos.device import describe, resolve_device, seed_everything
from tutor.i18n.catalog import _

DEFAULTS = {"epochs": 60, "batch_size": 32, "lr": 3e-3}
WINDOW = 64         # characters per training sequence
HIDDEN = 192
EMBED = 32
SAMPLE_LENGTH = 160
TEMPERATURE = 0.7
PROMPT = "The "
VALIDATION = 0.1    # the last 10% of the text is held out


class CharLSTM(nn.Module):
    def __init__(self, vocabulary: int) -> None:
        super().__init__()
        self.embed = nn.Embedding(vocabulary, EMBED)
        self.lstm = nn.LSTM(EMBED, HIDDEN, batch_first=True)
        self.head = nn.Linear(HIDDEN, vocabulary)

    def forward(self, tokens: torch.Tensor, state=None):
        output, state = self.lstm(self.embed(tokens), state)
        return self.head(output), state


@torch.inference_mode()
def sample(model: CharLSTM, chars: str, prompt: str, length: int, generator: torch.Generator,
           device: torch.device, temperature: float = TEMPERATURE) -> str:
    index = {c: i for i, c in enumerate(chars)}
    model.eval()
    tokens = torch.tensor([[index[c] for c in prompt if c in index] or [0]], device=device)
    logits, state = model(tokens)
    out = []
    for _position in range(length):
        probabilities = torch.softmax(logits[0, -1] / temperature, dim=-1)
        nxt = torch.multinomial(probabilities, 1, generator=generator)
        out.append(chars[int(nxt)])
        logits, state = model(nxt.view(1, 1), state)
    model.train()
    return prompt + "".join(out)


def _windows(data: torch.Tensor, starts: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    offsets = torch.arange(WINDOW + 1, device=data.device)
    chunk = data[starts[:, None] + offsets]
    return chunk[:, :-1], chunk[:, 1:]


def run(config: DemoConfig) -> Iterator[dict]:
    from tutor.data.text import load_text

    start = time.perf_counter()
    device = resolve_device(config.device)
    _count, threads_line = threads.apply(config.threads, useful=None)
    yield events.text(threads_line)
    text = load_text()
    chars = "".join(sorted(set(text)))
    data = torch.tensor([chars.index(c) for c in text], dtype=torch.long, device=device)
    split = int(len(data) * (1 - VALIDATION))
    train, valid = data[:split], data[split:]

    batch = config.pick("batch_size", DEFAULTS["batch_size"])
    steps_per_epoch = max(1, math.ceil(len(train) / (batch * WINDOW)))  # about one pass over the text
    epochs = config.pick("epochs", DEFAULTS["epochs"])
    total = min(epochs * steps_per_epoch, config.pick("steps", epochs * steps_per_epoch))
    epochs = math.ceil(total / steps_per_epoch)
    log_every = config.pick("log_every", events.every(total, 40))
    sample_every = events.every(total, 6)
    lr = config.pick("lr", DEFAULTS["lr"])

    seed_everything(config.seed)
    model = CharLSTM(len(chars)).to(device)
    optimiser = torch.optim.Adam(model.parameters(), lr=lr)
    rng = torch.Generator(device=device)
    rng.manual_seed(config.seed)
    sample_rng = torch.Generator(device=device)
    yield events.text(_("character LSTM ({hidden} units) on {characters} characters of fables ({distinct} distinct; "
                        "a uniform guess costs ln {distinct} = {uniform} nats/char), windows of {window}, batch {batch}, "
                        "Adam lr {lr}, on {device}").format(
        hidden=HIDDEN, characters=f"{len(text):,}", distinct=len(chars), uniform=f"{math.log(len(chars)):.2f}",
        window=WINDOW, batch=batch, lr=lr, device=describe(device)))

    window_loss = torch.zeros((), device=device)
    window_steps = 0
    last_loss = float("nan")
    for step in range(1, total + 1):
        starts = torch.randint(0, len(train) - WINDOW - 1, (batch,), generator=rng, device=device)
        inputs, targets = _windows(train, starts)
        logits, _state = model(inputs)
        loss = F.cross_entropy(logits.reshape(-1, len(chars)), targets.reshape(-1))
        optimiser.zero_grad(set_to_none=True)
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)  # LSTMs occasionally spike
        optimiser.step()
        window_loss += loss.detach()
        window_steps += 1
        epoch = (step - 1) // steps_per_epoch + 1
        if step == 1 or step % log_every == 0 or step == total:  # the first step too: a metric within seconds
            last_loss = float(window_loss) / window_steps
            window_loss.zero_()
            window_steps = 0
            with torch.inference_mode():
                model.eval()
                valid_logits, _state = model(valid[None, :-1])
                valid_loss = float(F.cross_entropy(valid_logits[0], valid[1:]))
                model.train()
            yield events.progress(step, total, epoch, epochs)
            yield events.metric(step, {"loss": last_loss, "valid_loss": valid_loss,
                                       "bits_per_char": last_loss / math.log(2)}, epoch)
        if step % sample_every == 0 or step == total:
            sample_rng.manual_seed(config.seed + step)
            yield events.text(_("step {step}: ").format(step=step) + sample(model, chars, PROMPT, SAMPLE_LENGTH, sample_rng, device), step)
    yield events.summary("rnn", describe(device), time.perf_counter() - start, last_loss,
                         valid_loss=valid_loss, steps=total, epochs=epochs, batch_size=batch,
                         characters=len(text), vocabulary=len(chars))
