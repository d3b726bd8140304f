"""Generated questions for lesson 14 (transformers): parameter counts of attention and of a whole
block, shapes after the head split, and what a temperature does to given logits.

Pure Python like tutor.quiz.generators (nothing here imports torch); tests/test_lesson_transformers.py
checks every answer against PyTorch over many seeds.
"""
from __future__ import annotations

import random

from tutor.quiz import generated as base


def transformer_param_count(rng: random.Random, lang: str = "en") -> base.Generated:
    t = base._t
    heads = rng.choice([1, 2, 4, 8, 12])
    embed = heads * rng.choice([8, 16, 32, 64])
    if rng.random() < 0.45:
        bias = rng.random() >= 0.25
        layer = base._call("MultiheadAttention", [embed, heads], {} if bias else {"bias": False})
        answer = 4 * embed * embed + (4 * embed if bias else 0)
        matrices = f"4 · {embed}² = {base._count(4 * embed * embed)}"
        lines = [t(lang, f"Four (E, E) matrices — queries, keys, values (stacked in in_proj_weight) and the output "
                         f"projection: {matrices}.",
                   f"四个 (E, E) 矩阵——查询、键、值（堆叠在 in_proj_weight 中）和输出投影：{matrices}。"),
                 t(lang, f"Four bias vectors of size E: 4 · {embed} = {4 * embed}.",
                   f"四个大小为 E 的偏置向量：4 · {embed} = {4 * embed}。")
                 if bias else t(lang, "bias=False: no biases.", "bias=False：没有偏置。"),
                 t(lang, f"The {heads} head(s) do not change the count: the heads only group the E features.",
                   f"{heads} 个头不改变参数量：头只是把 E 个特征分组。")]
        spec = {"layer": "MultiheadAttention", "kwargs": {"embed_dim": embed, "num_heads": heads, "bias": bias}}
    else:
        hidden = rng.choice([2, 4]) * embed
        layer = base._call("TransformerEncoderLayer", [embed, heads, hidden], {})
        attention = 4 * embed * embed + 4 * embed
        mlp = embed * hidden + hidden + hidden * embed + embed
        norms = 4 * embed
        answer = attention + mlp + norms
        attention_sum = f"4E² + 4E = 4 · {embed}² + 4 · {embed} = {base._count(attention)}"
        mlp_sum = (f"Linear(E, F) + Linear(F, E) = {embed}·{hidden} + {hidden} + {hidden}·{embed} + {embed} "
                   f"= {base._count(mlp)}")
        lines = [t(lang, f"Attention: {attention_sum}.", f"注意力：{attention_sum}。"),
                 t(lang, f"MLP: {mlp_sum}.", f"MLP：{mlp_sum}。"),
                 t(lang, f"Two LayerNorms, a weight and a bias of size E each: 4 · {embed} = {norms}.",
                   f"两个 LayerNorm，各有一个大小为 E 的权重和偏置：4 · {embed} = {norms}。")]
        spec = {"layer": "TransformerEncoderLayer",
                "kwargs": {"d_model": embed, "nhead": heads, "dim_feedforward": hidden}}
    verify = f"sum(p.numel() for p in {layer}.parameters())"
    lines.append(base._check("Total", "合计", base._count(answer), verify, lang))
    return base.Generated(kind="numeric", prompt=base.count_prompt(layer, lang),
                     answer=answer, explanation="\n".join(lines), verify=verify, spec=spec)


def head_split_shape(rng: random.Random, lang: str = "en") -> base.Generated:
    t = base._t
    heads = rng.choice([2, 3, 4, 6, 8, 12])
    head_dim = rng.choice([4, 8, 16, 32, 64])
    embed = heads * head_dim
    batch, length = rng.randint(1, 8), rng.randint(2, 20)
    ask = rng.choice(["heads", "heads", "scores"])
    q = (batch, length, embed)
    split = f"q.view({batch}, {length}, {heads}, {head_dim}).transpose(1, 2)"
    if ask == "heads":
        answer = (batch, heads, length, head_dim)
        prompt = t(lang, f"The projected queries q have shape {base._tuple(q)} (B, T, E) and there are {heads} heads. "
                         f"What is the shape of {split}?",
                   f"投影后的查询 q 的形状是 {base._tuple(q)}（B, T, E），共有 {heads} 个头。{split} 的形状是什么？")
        verify = f"tuple(torch.zeros{base._tuple(q)}.view({batch}, {length}, {heads}, {head_dim}).transpose(1, 2).shape)"
        grouped = f"(B, T, h, d) = {base._tuple((batch, length, heads, head_dim))}"
        lines = [t(lang, f"Each head gets d = E / h = {embed} / {heads} = {head_dim} features.",
                   f"每个头分到 d = E / h = {embed} / {heads} = {head_dim} 个特征。"),
                 t(lang, f"view cuts every position's E features into h groups: {grouped}.",
                   f"view 把每个位置的 E 个特征切成 h 组：{grouped}。"),
                 t(lang, "transpose(1, 2) moves the head axis in front of the positions, so every (batch, head) pair "
                         f"is one ordinary attention: (B, h, T, d) = {base._tuple(answer)}.",
                   "transpose(1, 2) 把头所在的轴移到位置之前，于是每个（批量，头）对都是一次普通的注意力："
                   f"(B, h, T, d) = {base._tuple(answer)}。")]
    else:
        keys = rng.randint(2, 20)
        answer = (batch, heads, length, keys)
        prompt = t(lang, f"Multi-head attention with {heads} heads: the queries are {base._tuple(q)} (B, T, E) and the keys "
                         f"{base._tuple((batch, keys, embed))} (B, S, E). After the head split, what is the shape of the "
                         f"score tensor q @ k.transpose(-2, -1)?",
                   f"{heads} 个头的多头注意力：查询是 {base._tuple(q)}（B, T, E），键是 {base._tuple((batch, keys, embed))}"
                   "（B, S, E）。拆分成多头之后，分数张量 q @ k.transpose(-2, -1) 的形状是什么？")
        verify = (f"tuple((torch.zeros{base._tuple(q)}.view({batch}, {length}, {heads}, {head_dim}).transpose(1, 2) @ "
                  f"torch.zeros({batch}, {keys}, {embed}).view({batch}, {keys}, {heads}, {head_dim})"
                  f".permute(0, 2, 3, 1)).shape)")
        q_split = f"(B, h, T, d) = {base._tuple((batch, heads, length, head_dim))}"
        k_split = f"(B, h, S, d) = {base._tuple((batch, heads, keys, head_dim))}"
        lines = [t(lang, f"After the split, q is {q_split} and k is {k_split}.", f"拆分后，q 是 {q_split}，k 是 {k_split}。"),
                 t(lang, f"q @ kᵀ multiplies (…, T, d) by (…, d, S): one score per (query, key) pair in every head, "
                         f"(B, h, T, S) = {base._tuple(answer)}. The head dimension d = {head_dim} is summed away.",
                   f"q @ kᵀ 把 (…, T, d) 乘以 (…, d, S)：每个头中每个（查询，键）对一个分数，"
                   f"(B, h, T, S) = {base._tuple(answer)}。头维度 d = {head_dim} 在求和中消失了。")]
    lines.append(base._check("Shape", "形状", base._tuple(answer), verify, lang))
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


def temperature_effect(rng: random.Random, lang: str = "en") -> base.Generated:
    t = base._t
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
    prompt = t(lang, f"A model gives the logits [{shown}] and samples at temperature T = {temperature}. The ratio of the "
                     f"probabilities of token {i} and token {j}, p_{i} / p_{j}, equals e^x. What is x?",
               f"一个模型给出 logits [{shown}]，并在温度 T = {temperature} 下采样。词元 {i} 与词元 {j} 的概率之比 "
               f"p_{i} / p_{j} 等于 e^x。x 是多少？")
    verify = (f"round(math.log((torch.softmax(torch.tensor([{shown}], dtype=torch.float64) / {temperature}, -1)"
              f"[{i}] / torch.softmax(torch.tensor([{shown}], dtype=torch.float64) / {temperature}, -1)[{j}]).item()), 6)")
    effect = (t(lang, "sharper: the likelier token gains", "分布更尖锐：更可能的词元占得更多") if temperature < 1
              else t(lang, "flatter: the gap shrinks", "分布更平坦：差距缩小"))
    ratio = f"p_{i} / p_{j} = e^(z_{i}/T) / e^(z_{j}/T) = e^((z_{i} − z_{j}) / T)"
    x = (f"x = ({_signed(logits[i])} − {_signed(logits[j], bracket=True)}) / {temperature} = "
         f"{_signed(difference)} / {temperature} = {_signed(answer)}")
    lines = [t(lang, f"p = softmax(z / T), so {ratio}: the normalising sum cancels.",
               f"p = softmax(z / T)，所以 {ratio}：归一化的分母被约掉了。"),
             t(lang, f"{x}.", f"{x}。"),
             t(lang, f"At T = 1 it would be {difference}; T = {temperature} multiplies every log-ratio by 1/T = "
                     f"{_number(1 / temperature)} ({effect}).",
               f"在 T = 1 时它是 {difference}；T = {temperature} 把每个对数比都乘以 1/T = "
               f"{_number(1 / temperature)}（{effect}）。"),
             base._check("Answer", "答案", f"{answer}", verify, lang)]
    return base.Generated(kind="numeric", prompt=prompt, answer=answer, explanation="\n".join(lines), verify=verify,
                     spec={"api": "temperature", "logits": logits, "i": i, "j": j, "temperature": temperature})


GENERATORS = {
    "transformer_param_count": transformer_param_count,
    "head_split_shape": head_split_shape,
    "temperature_effect": temperature_effect,
}

