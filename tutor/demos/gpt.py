"""The capstone: a tiny character-level GPT learning the shipped fables.

Tokens are characters. The model is GPT-2 in miniature: token embeddings plus learned position
embeddings, a stack of pre-LN Transformer blocks (causal multi-head self-attention and a GELU
MLP, each on a LayerNorm'd copy of the residual stream and added back), a final LayerNorm, and
an output layer tied to the token embedding. The loss is the mean cross-entropy of the next
character, in nats (perplexity = e^loss); the unigram baseline is what a model that knows only
the character frequencies of the training text scores on the held-out text.

Every few seconds the model continues the same prompt with the same random seed, so the learner
watches one sentence get better. `--mine` builds the model from the learner's own passed
functions (tutor.demos.learner_parts) and PyTorch's for the rest, and says which are whose.
"""
from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from typing import Any, cast

import torch
import torch.nn.functional as F
from torch import nn

from tutor.demos import events
from tutor.demos import threads as thread_policy
from tutor.demos.config import DemoConfig
from tutor.demos.device import describe, resolve_device, seed_everything
from tutor.i18n.catalog import N_, _

DEFAULTS = {"steps": 600, "batch_size": 16, "lr": 3e-3}   # about a minute on 2 CPU cores
CONTEXT = 64          # characters the model sees at once
DIM = 64              # the model dimension E
HEADS = 4
LAYERS = 2
WEIGHT_DECAY = 0.01
BETAS = (0.9, 0.99)
WARMUP = 50           # steps of linear learning-rate warm-up
PROMPT = "The miller "
SAMPLE_LENGTH = 120
TEMPERATURE = 0.8
TOP_K = 10
VALIDATION = 0.1      # the last 10% of the text is held out


# -- the parts: the learner's where --mine found them, PyTorch's otherwise --------------------------
def torch_sample(logits, temperature=1.0, top_k=None, generator=None):
    if temperature == 0:
        return logits.argmax(dim=-1)
    scaled = logits / temperature
    if top_k is not None and top_k < logits.shape[-1]:
        scaled = scaled.masked_fill(scaled < torch.topk(scaled, top_k, dim=-1).values[..., -1:], float("-inf"))
    return torch.multinomial(torch.softmax(scaled, dim=-1), 1, generator=generator).squeeze(-1)


class Parts:
    """Which function computes each piece of the model. Owner names go into the summary."""

    def __init__(self, learner=None) -> None:
        get = learner.get if learner is not None else (lambda _id: None)
        self.block_fn: Callable | None = get("transformer_block")
        self.attention_fn: Callable | None = get("multi_head_attention")
        self.attention_owner = "multi_head_attention" if self.attention_fn else None
        single_head = get("attention")
        if self.attention_fn is None and single_head is not None:
            from tutor.demos.learner_parts import heads_around

            self.attention_fn = heads_around(single_head)
            self.attention_owner = "attention"
        self.layer_norm_fn: Callable = get("layer_norm") or F.layer_norm
        self.sample_fn: Callable = get("sampling") or torch_sample
        self.adamw_fn: Callable | None = get("adam")
        used = ["transformer_block"] if self.block_fn else ([self.attention_owner] if self.attention_owner else [])
        used += [k for k in ("layer_norm", "sampling", "adam") if get(k) is not None]
        self.learner_ids = used          # the learner's exercises whose functions this model runs

    def describe(self) -> dict[str, str]:
        """Each piece of the model -> who computes it, in English (the summary's data); every piece
        and owner is a catalogue entry, so the log line can show them in the learner's language."""
        whose = {}
        if self.block_fn:
            whose[N_("transformer blocks")] = N_("yours (transformer_block)")
            whose[N_("attention inside the blocks")] = N_("yours (inside your transformer_block)")
            whose[N_("layer norms inside the blocks")] = N_("yours (inside your transformer_block)")
        else:
            whose[N_("transformer blocks")] = N_("PyTorch's wiring") if (self.attention_fn or self.uses_learner_norm) \
                else N_("PyTorch (nn.TransformerEncoderLayer)")
            yours_attention = (N_("yours (multi_head_attention)") if self.attention_owner == "multi_head_attention"
                               else N_("yours (attention)"))
            whose[N_("attention inside the blocks")] = (yours_attention if self.attention_fn
                                                        else N_("PyTorch (nn.MultiheadAttention)"))
            whose[N_("layer norms inside the blocks")] = N_("yours (layer_norm)") if self.uses_learner_norm else N_("PyTorch")
        whose[N_("final layer norm")] = N_("yours (layer_norm)") if self.uses_learner_norm else N_("PyTorch (F.layer_norm)")
        whose[N_("sampling")] = N_("yours (sample_next_token)") if self.sample_fn is not torch_sample else N_("PyTorch")
        whose[N_("optimiser")] = N_("yours (adamw_step)") if self.adamw_fn else N_("PyTorch (torch.optim.AdamW)")
        return whose

    @property
    def uses_learner_norm(self) -> bool:
        return self.layer_norm_fn is not F.layer_norm

    def block(self, layer: nn.TransformerEncoderLayer, x: torch.Tensor, allowed: torch.Tensor) -> torch.Tensor:
        """One pre-LN block, its parameters held by `layer`; allowed is the (T, T) causal mask, True = may attend."""
        if self.block_fn is not None:
            return self.block_fn(x, dict(layer.named_parameters()), HEADS, causal=True)
        if self.attention_fn is None and not self.uses_learner_norm:
            return layer(x, src_mask=~allowed)
        attn = layer.self_attn
        norm = self.layer_norm_fn
        h = norm(x, (DIM,), layer.norm1.weight, layer.norm1.bias, 1e-5)
        if self.attention_fn is not None:
            a = self.attention_fn(h, h, h, attn.in_proj_weight, attn.in_proj_bias, attn.out_proj.weight,
                                  attn.out_proj.bias, HEADS, mask=allowed)
        else:
            a = attn(h, h, h, attn_mask=~allowed, need_weights=False)[0]
        x = x + a
        h = norm(x, (DIM,), layer.norm2.weight, layer.norm2.bias, 1e-5)
        return x + layer.linear2(F.gelu(layer.linear1(h)))


# -- the model ------------------------------------------------------------------------------------
class TinyGPT(nn.Module):
    def __init__(self, vocabulary: int, parts: Parts) -> None:
        super().__init__()
        self.parts = parts
        self.token = nn.Embedding(vocabulary, DIM)
        self.position = nn.Embedding(CONTEXT, DIM)
        self.blocks = nn.ModuleList(
            nn.TransformerEncoderLayer(DIM, HEADS, 4 * DIM, dropout=0.0, activation="gelu", batch_first=True,
                                       norm_first=True) for _ in range(LAYERS))
        self.norm = nn.LayerNorm(DIM)
        for name, p in self.named_parameters():   # GPT-2's initialisation: small weights, zero biases
            if name.endswith("bias"):
                nn.init.zeros_(p)
            elif "norm" not in name:
                nn.init.normal_(p, std=0.02)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        length = tokens.shape[1]
        allowed = torch.ones(length, length, dtype=torch.bool, device=tokens.device).tril()
        x = self.token(tokens) + self.position(torch.arange(length, device=tokens.device))
        for layer in self.blocks:
            x = self.parts.block(cast(nn.TransformerEncoderLayer, layer), x, allowed)
        x = self.parts.layer_norm_fn(x, (DIM,), self.norm.weight, self.norm.bias, 1e-5)
        return x @ self.token.weight.T            # weight tying: the output layer is the embedding


def parameter_count(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


@torch.inference_mode()
def continue_prompt(model: TinyGPT, chars: str, prompt: str, length: int, generator: torch.Generator,
                    device: torch.device) -> str:
    index = {c: i for i, c in enumerate(chars)}
    tokens = torch.tensor([[index[c] for c in prompt if c in index] or [0]], device=device)
    model.eval()
    for _position in range(length):
        logits = model(tokens[:, -CONTEXT:])[:, -1, :]
        nxt = model.parts.sample_fn(logits, TEMPERATURE, TOP_K, generator)
        tokens = torch.cat([tokens, nxt.reshape(1, 1).to(tokens.dtype)], dim=1)
    model.train()
    return "".join(chars[int(i)] for i in tokens[0])


def set_lr(optimiser, value: float) -> None:
    if isinstance(optimiser, torch.optim.Optimizer):
        for group in optimiser.param_groups:
            group["lr"] = value
    else:  # the learner's adamw_step, wrapped
        optimiser.lr = value


def unigram_loss(train: torch.Tensor, valid: torch.Tensor, vocabulary: int) -> float:
    """Cross-entropy on the held-out text of the training text's character frequencies (add-one smoothed)."""
    counts = torch.bincount(train, minlength=vocabulary).double() + 1
    log_p = torch.log(counts / counts.sum())
    return float(-log_p[valid].mean())


def _windows(data: torch.Tensor, starts: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    chunk = data[starts[:, None] + torch.arange(CONTEXT + 1, device=data.device)]
    return chunk[:, :-1], chunk[:, 1:]


@torch.inference_mode()
def held_out_loss(model: TinyGPT, valid: torch.Tensor) -> float:
    model.eval()
    starts = torch.arange(0, len(valid) - CONTEXT - 1, CONTEXT, device=valid.device)
    inputs, targets = _windows(valid, starts)
    loss = float(F.cross_entropy(model(inputs).flatten(0, 1), targets.flatten()))
    model.train()
    return loss


def run(config: DemoConfig) -> Iterator[dict]:
    from tutor.data.text import load_text

    start = time.perf_counter()
    device = resolve_device(config.device)
    learner = None
    if config.mine:
        from tutor.demos import learner_parts

        learner = learner_parts.load()
    parts = Parts(learner)

    text = load_text()
    chars = "".join(sorted(set(text)))
    data = torch.tensor([chars.index(c) for c in text], dtype=torch.long, device=device)
    split = int(len(data) * (1 - VALIDATION))
    train, valid = data[:split], data[split:]
    baseline = unigram_loss(train.cpu(), valid.cpu(), len(chars))

    total = config.pick("steps", DEFAULTS["steps"])
    batch = config.pick("batch_size", DEFAULTS["batch_size"])
    lr = config.pick("lr", DEFAULTS["lr"])
    log_every = config.pick("log_every", events.every(total, 40))
    sample_every = events.every(total, 8)

    seed_everything(config.seed)
    model = TinyGPT(len(chars), parts).to(device)
    if parts.adamw_fn is not None:
        from tutor.demos.learner_parts import LearnerAdamW

        optimiser: Any = LearnerAdamW(model.parameters(), parts.adamw_fn, lr, BETAS, 1e-8, WEIGHT_DECAY)  # duck-typed
    else:
        optimiser = torch.optim.AdamW(model.parameters(), lr=lr, betas=BETAS, weight_decay=WEIGHT_DECAY)
    rng = torch.Generator(device=device).manual_seed(config.seed)
    sample_rng = torch.Generator(device=device)
    threads_line = thread_policy.apply(config.threads)[1] if device.type == "cpu" else ""

    yield events.text(_("a character-level GPT: {layers} pre-LN blocks, E = {dim}, {heads} heads of {head_dim}, "
                        "context {context}, {parameters} parameters (output layer tied to the embedding), on "
                        "{characters} characters of fables ({distinct} distinct), batch {batch}, AdamW lr {lr}, "
                        "on {device}").format(
        layers=LAYERS, dim=DIM, heads=HEADS, head_dim=DIM // HEADS, context=CONTEXT,
        parameters=f"{parameter_count(model):,}", characters=f"{len(text):,}", distinct=len(chars), batch=batch,
        lr=lr, device=describe(device)))
    if threads_line:
        yield events.text(threads_line)
    yield events.text(_("baselines: a uniform guess costs ln {count} = {uniform} nats/char; knowing only the "
                        "character frequencies (unigram) costs {unigram}. The text is small: after a few hundred steps "
                        "the held-out loss stops falling while the training loss keeps going down — the model starts "
                        "to memorise the fables (overfitting)").format(
        count=len(chars), uniform=f"{math.log(len(chars)):.2f}", unigram=f"{baseline:.2f}"))
    if config.mine:
        for piece, owner in parts.describe().items():
            yield events.text("  " + _("{piece}: {owner}").format(piece=_(piece), owner=_(owner)))
        for exercise_id, reason in (learner.skipped if learner is not None else {}).items():
            yield events.text("  " + _("not using your {exercise}: {reason}").format(exercise=exercise_id, reason=reason))

    window_loss, window_steps, last_loss, valid_loss = 0.0, 0, float("nan"), float("nan")
    sample = ""
    for step in range(1, total + 1):
        set_lr(optimiser, lr * min(1.0, step / WARMUP))
        starts = torch.randint(0, len(train) - CONTEXT - 1, (batch,), generator=rng, device=device)
        inputs, targets = _windows(train, starts)
        loss = F.cross_entropy(model(inputs).flatten(0, 1), targets.flatten())
        optimiser.zero_grad(set_to_none=True)
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimiser.step()
        window_loss += float(loss.detach())
        window_steps += 1
        if step == 1 or step % log_every == 0 or step == total:  # the first step too: a metric within seconds
            last_loss = window_loss / window_steps
            window_loss, window_steps = 0.0, 0
            valid_loss = held_out_loss(model, valid)
            yield events.progress(step, total)
            yield events.metric(step, {"loss": last_loss, "valid_loss": valid_loss, "unigram": baseline,
                                       "perplexity": math.exp(last_loss)})
        if step % sample_every == 0 or step == total:
            sample_rng.manual_seed(config.seed)     # the same seed each time: only the model changes
            sample = continue_prompt(model, chars, PROMPT, SAMPLE_LENGTH, sample_rng, device)
            yield events.text(_("step {step}, loss {loss}: {sample}").format(step=step, loss=f"{last_loss:.2f}",
                                                                             sample=sample), step)
    extra = {"learner_functions": parts.learner_ids, "parts": parts.describe()}
    if config.mine:
        extra["not_used"] = dict(learner.skipped) if learner is not None else {}
    yield events.summary("gpt", describe(device), time.perf_counter() - start, last_loss, valid_loss=valid_loss,
                         unigram_loss=baseline, perplexity=math.exp(last_loss), steps=total, batch_size=batch,
                         parameters=parameter_count(model), characters=len(text), vocabulary=len(chars),
                         sample=sample, **extra)
