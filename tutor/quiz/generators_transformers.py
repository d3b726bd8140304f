"""Generated questions for lesson 14 (transformers): parameter counts of attention and of a whole
block, shapes after the head split, and what a temperature does to given logits.

Pure Python like tutor.quiz.generators (nothing here imports torch); tests/test_lesson_transformers.py
checks every answer against PyTorch over many seeds.
"""
from __future__ import annotations

import random

# tutor.quiz.generators registers these generators at its end, so this module must also import
# cleanly when it is imported first: the shared helpers are looked up at call time, through
# `base`, which is bound at the bottom of this file.


def transformer_param_count(rng: random.Random) -> base.Generated:
    heads = rng.choice([1, 2, 4, 8, 12])
    embed = heads * rng.choice([8, 16, 32, 64])
    if rng.random() < 0.45:
        bias = rng.random() >= 0.25
        layer = base._call("MultiheadAttention", [embed, heads], {} if bias else {"bias": False})
        answer = 4 * embed * embed + (4 * embed if bias else 0)
        lines = [f"Four (E, E) matrices — queries, keys, values (stacked in in_proj_weight) and the output "
                 f"projection: 4 · {embed}² = {base._count(4 * embed * embed)}.",
                 f"Four bias vectors of size E: 4 · {embed} = {4 * embed}." if bias else "bias=False: no biases.",
                 f"The {heads} head(s) do not change the count: the heads only group the E features."]
        spec = {"layer": "MultiheadAttention", "kwargs": {"embed_dim": embed, "num_heads": heads, "bias": bias}}
    else:
        hidden = rng.choice([2, 4]) * embed
        layer = base._call("TransformerEncoderLayer", [embed, heads, hidden], {})
        attention = 4 * embed * embed + 4 * embed
        mlp = embed * hidden + hidden + hidden * embed + embed
        norms = 4 * embed
        answer = attention + mlp + norms
        lines = [f"Attention: 4E² + 4E = 4 · {embed}² + 4 · {embed} = {base._count(attention)}.",
                 f"MLP: Linear(E, F) + Linear(F, E) = {embed}·{hidden} + {hidden} + {hidden}·{embed} + {embed} "
                 f"= {base._count(mlp)}.",
                 f"Two LayerNorms, a weight and a bias of size E each: 4 · {embed} = {norms}."]
        spec = {"layer": "TransformerEncoderLayer",
                "kwargs": {"d_model": embed, "nhead": heads, "dim_feedforward": hidden}}
    verify = f"sum(p.numel() for p in {layer}.parameters())"
    lines.append(f"Total: {base._count(answer)}.  Check it: {verify}")
    return base.Generated(kind="numeric", prompt=f"How many parameters (weights and biases) does {layer} have?",
                     answer=answer, explanation="\n".join(lines), verify=verify, spec=spec)


def head_split_shape(rng: random.Random) -> base.Generated:
    heads = rng.choice([2, 3, 4, 6, 8, 12])
    head_dim = rng.choice([4, 8, 16, 32, 64])
    embed = heads * head_dim
    batch, length = rng.randint(1, 8), rng.randint(2, 20)
    ask = rng.choice(["heads", "heads", "scores"])
    q = (batch, length, embed)
    split = f"q.view({batch}, {length}, {heads}, {head_dim}).transpose(1, 2)"
    if ask == "heads":
        answer = (batch, heads, length, head_dim)
        prompt = (f"The projected queries q have shape {base._tuple(q)} (B, T, E) and there are {heads} heads. "
                  f"What is the shape of {split}?")
        verify = f"tuple(torch.zeros{base._tuple(q)}.view({batch}, {length}, {heads}, {head_dim}).transpose(1, 2).shape)"
        lines = [f"Each head gets d = E / h = {embed} / {heads} = {head_dim} features.",
                 f"view cuts every position's E features into h groups: (B, T, h, d) = "
                 f"{base._tuple((batch, length, heads, head_dim))}.",
                 "transpose(1, 2) moves the head axis in front of the positions, so every (batch, head) pair "
                 f"is one ordinary attention: (B, h, T, d) = {base._tuple(answer)}."]
    else:
        keys = rng.randint(2, 20)
        answer = (batch, heads, length, keys)
        prompt = (f"Multi-head attention with {heads} heads: the queries are {base._tuple(q)} (B, T, E) and the keys "
                  f"{base._tuple((batch, keys, embed))} (B, S, E). After the head split, what is the shape of the "
                  f"score tensor q @ k.transpose(-2, -1)?")
        verify = (f"tuple((torch.zeros{base._tuple(q)}.view({batch}, {length}, {heads}, {head_dim}).transpose(1, 2) @ "
                  f"torch.zeros({batch}, {keys}, {embed}).view({batch}, {keys}, {heads}, {head_dim})"
                  f".permute(0, 2, 3, 1)).shape)")
        lines = [f"After the split, q is (B, h, T, d) = {base._tuple((batch, heads, length, head_dim))} and k is "
                 f"(B, h, S, d) = {base._tuple((batch, heads, keys, head_dim))}.",
                 f"q @ kᵀ multiplies (…, T, d) by (…, d, S): one score per (query, key) pair in every head, "
                 f"(B, h, T, S) = {base._tuple(answer)}. The head dimension d = {head_dim} is summed away."]
    lines.append(f"Shape: {base._tuple(answer)}.  Check it: {verify}")
    return base.Generated(kind="shape", prompt=prompt, answer=answer, explanation="\n".join(lines), verify=verify,
                     spec={"api": "head_split", "batch": batch, "length": length, "embed": embed, "heads": heads,
                           "keys": keys if ask == "scores" else None, "ask": ask})


def _number(value: float) -> int | float:
    """An exact-looking answer: 6 rather than 6.0, 1.5 as it is (the values are multiples of 1/8)."""
    return int(value) if float(value).is_integer() else value


def _signed(value, bracket: bool = False) -> str:
    """−3 with a real minus sign, in brackets after an operator: (4 − (−3))."""
    if value >= 0:
        return str(value)
    return f"(−{-value})" if bracket else f"−{-value}"


def temperature_effect(rng: random.Random) -> base.Generated:
    size = rng.randint(3, 5)
    logits = [rng.randint(-3, 4) for _ in range(size)]
    while len(set(logits)) < 2:
        logits = [rng.randint(-3, 4) for _ in range(size)]
    i, j = rng.sample(range(size), 2)
    while logits[i] == logits[j]:
        i, j = rng.sample(range(size), 2)
    temperature = rng.choice([0.25, 0.5, 2, 4])
    difference = logits[i] - logits[j]
    answer = _number(difference / temperature)
    shown = ", ".join(str(z) for z in logits)
    prompt = (f"A model gives the logits [{shown}] and samples at temperature T = {temperature}. The ratio of the "
              f"probabilities of token {i} and token {j}, p_{i} / p_{j}, equals e^x. What is x?")
    verify = (f"round(math.log((torch.softmax(torch.tensor([{shown}], dtype=torch.float64) / {temperature}, -1)"
              f"[{i}] / torch.softmax(torch.tensor([{shown}], dtype=torch.float64) / {temperature}, -1)[{j}]).item()), 6)")
    effect = ("sharper: the likelier token gains" if temperature < 1 else "flatter: the gap shrinks")
    lines = [f"p = softmax(z / T), so p_{i} / p_{j} = e^(z_{i}/T) / e^(z_{j}/T) = e^((z_{i} − z_{j}) / T): "
             "the normalising sum cancels.",
             f"x = ({_signed(logits[i])} − {_signed(logits[j], bracket=True)}) / {temperature} = "
             f"{_signed(difference)} / {temperature} = {_signed(answer)}.",
             f"At T = 1 it would be {difference}; T = {temperature} multiplies every log-ratio by 1/T = "
             f"{_number(1 / temperature)} ({effect}).",
             f"Answer: {answer}.  Check it: {verify}"]
    return base.Generated(kind="numeric", prompt=prompt, answer=answer, explanation="\n".join(lines), verify=verify,
                     spec={"api": "temperature", "logits": logits, "i": i, "j": j, "temperature": temperature})


GENERATORS = {
    "transformer_param_count": transformer_param_count,
    "head_split_shape": head_split_shape,
    "temperature_effect": temperature_effect,
}

from tutor.quiz import generators as base  # noqa: E402  (last: see the note at the top)
