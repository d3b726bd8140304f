"""Generated questions for lesson 12 (training deep networks): initialisation scales and Adam's
first step. Pure Python like tutor.quiz.generators; `torch_answer(spec)` recomputes an answer
with PyTorch itself (importing torch only when called) for the tests."""
from __future__ import annotations

import math
import random

from tutor.quiz.generated import Generated

GAINS = {"relu": math.sqrt(2.0), "tanh": 5.0 / 3.0, "linear": 1.0}
GAIN_TEXT = {"relu": "√2 ≈ 1.414", "tanh": "5/3", "linear": "1"}
MODULE = "tutor.quiz.generators_training"


def _t(lang: str, en: str, zh: str) -> str:
    return zh if lang == "zh" else en


def sig3(value: float) -> float:
    """The value at 3 significant figures, as the question asks for it."""
    return float(f"{value:.3g}")


def _rounded(exact: float, answer: float) -> str:
    return f"{answer}" if math.isclose(exact, answer, rel_tol=1e-9) else f"{exact:.6g} ≈ {answer}"


def _layer_text(layer: str, kwargs: dict) -> str:
    if layer == "Linear":
        return f"nn.Linear({kwargs['in_features']}, {kwargs['out_features']})"
    return f"nn.Conv2d({kwargs['in_channels']}, {kwargs['out_channels']}, {kwargs['kernel_size']})"


def kaiming_std(rng: random.Random, lang: str = "en") -> Generated:
    """'What std does kaiming_normal_ give this layer's weight?' — fans, kernel and gain worked out."""
    layer = rng.choice(["Linear", "Conv2d", "Conv2d"])
    if layer == "Linear":
        kwargs = {"in_features": rng.choice([64, 100, 128, 256, 300, 512, 784, 1024]),
                  "out_features": rng.choice([10, 32, 64, 128, 200, 256, 500])}
        shape: tuple[int, ...] = (kwargs["out_features"], kwargs["in_features"])
        kernel = 1
    else:
        k = rng.choice([1, 3, 3, 3, 5, 7])
        kwargs = {"in_channels": rng.choice([3, 16, 32, 64, 128, 256]),
                  "out_channels": rng.choice([16, 32, 64, 128, 256, 512]), "kernel_size": k}
        shape = (kwargs["out_channels"], kwargs["in_channels"], k, k)
        kernel = k * k
    mode = "fan_in" if rng.random() < 0.7 else "fan_out"
    nonlinearity = "relu" if rng.random() < 0.75 else rng.choice(["tanh", "linear"])
    fan_in, fan_out = shape[1] * kernel, shape[0] * kernel
    fan = fan_in if mode == "fan_in" else fan_out
    exact = GAINS[nonlinearity] / math.sqrt(fan)
    answer = sig3(exact)
    text = _layer_text(layer, kwargs)
    options = [] if mode == "fan_in" else ["mode='fan_out'"]
    if nonlinearity != "relu":
        options.append(f"nonlinearity='{nonlinearity}'")
    call = f"nn.init.kaiming_normal_({text}.weight{', ' + ', '.join(options) if options else ''})"
    if nonlinearity == "relu":
        call = call[:-1] + (", " if options else ", ") + "nonlinearity='relu')"
    which = _t(lang, "inputs feeding one output" if mode == "fan_in" else "outputs one input feeds",
               "一个输出所接收的输入个数" if mode == "fan_in" else "一个输入所连向的输出个数")
    lines = [_t(lang, f"The weight has shape {tuple(shape)}.", f"权重的形状是 {tuple(shape)}。")]
    if layer == "Linear":
        fans = f"fan_in = in_features = {fan_in}, fan_out = out_features = {fan_out}"
        lines.append(_t(lang, f"{fans}.", f"{fans.replace(', ', '，', 1)}。"))
    else:
        k = kwargs["kernel_size"]
        fan_texts = (f"fan_in = C·k·k = {shape[1]}·{k}·{k} = {fan_in}", f"fan_out = F·k·k = {shape[0]}·{k}·{k} = {fan_out}")
        lines.append(_t(lang, f"Every kernel position counts: {fan_texts[0]}, {fan_texts[1]}.",
                        f"卷积核的每个位置都要计入：{fan_texts[0]}，{fan_texts[1]}。"))
    lines.append(_t(lang, f"mode='{mode}' uses the {which}: fan = {fan}.", f"mode='{mode}' 用的是{which}：fan = {fan}。"))
    if nonlinearity == "relu":
        lines.append(_t(lang, f"The gain for relu is {GAIN_TEXT['relu']} (ReLU zeroes half the signal, so the variance is doubled).",
                        f"relu 的增益是 {GAIN_TEXT['relu']}（ReLU 把一半的信号置零，所以方差要加倍）。"))
    else:
        lines.append(_t(lang, f"The gain for {nonlinearity} is {GAIN_TEXT[nonlinearity]}.",
                        f"{nonlinearity} 的增益是 {GAIN_TEXT[nonlinearity]}。"))
    std = f"std = gain / √fan = {GAIN_TEXT[nonlinearity].split(' ')[0]} / √{fan} = {_rounded(exact, answer)}"
    lines.append(_t(lang, f"{std}.", f"{std}。"))
    verify = (f"float(f\"{{nn.init.calculate_gain('{nonlinearity}') / math.sqrt("
              f"nn.init._calculate_correct_fan({text}.weight, '{mode}')):.3g}}\")")
    lines.append(_t(lang, f"Check it: {verify}", f"验证：{verify}"))
    return Generated(kind="numeric",
                     prompt=_t(lang, f"{call} fills the weight from N(0, std²). What is std (3 significant figures)?",
                               f"{call} 从 N(0, std²) 中采样来填充权重。std 是多少（3 位有效数字）？"),
                     answer=answer, explanation="\n".join(lines), verify=verify,
                     spec={"module": MODULE, "ask": "kaiming_std", "layer": layer, "kwargs": kwargs, "mode": mode,
                           "nonlinearity": nonlinearity})


def adam_first_step(rng: random.Random, lang: str = "en") -> Generated:
    """'How far does Adam's first step move a parameter?' — bias correction makes it lr·|g|/(|g| + ε)."""
    lr = rng.choice([0.1, 0.01, 0.001, 0.003, 0.0005])
    eps = rng.choice([1e-8, 1e-8, 1e-6, 1e-3])
    ratio = rng.choice([1, 3, 4, 9, 19, 99, 10**6])    # |g| / ε: from "as small as ε" to "far larger"
    grad = ratio * eps * rng.choice([1, -1])
    beta1, beta2 = rng.choice([(0.9, 0.999), (0.9, 0.999), (0.8, 0.99), (0.5, 0.9)])
    exact = lr * abs(grad) / (abs(grad) + eps)
    answer = sig3(exact)
    betas = "" if (beta1, beta2) == (0.9, 0.999) else f", betas=({beta1}, {beta2})"
    eps_text = "" if eps == 1e-8 else f", eps={eps:g}"
    optimizer = f"torch.optim.AdamW([p], lr={lr:g}{betas}{eps_text}, weight_decay=0)"
    prompt = _t(lang, f"{optimizer} takes its first step with the gradient g = {grad:g}. By how much does p change, "
                      "in absolute value (3 significant figures)?",
                f"{optimizer} 以梯度 g = {grad:g} 迈出第一步。p 变化了多少（取绝对值，3 位有效数字）？")
    step = (f"lr·m̂/(√v̂ + ε) = lr·|g|/(|g| + ε) = {lr:g}·{abs(grad):g}/({abs(grad):g} + {eps:g}) "
            f"= {_rounded(exact, answer)}")
    times = "" if ratio == 1 else f"{ratio}·"
    lines = [_t(lang, f"First step: m = (1 − β₁)·g and v = (1 − β₂)·g², because both start at 0 (β₁ = {beta1}, β₂ = {beta2}).",
                f"第一步：m = (1 − β₁)·g，v = (1 − β₂)·g²，因为两者都从 0 开始（β₁ = {beta1}，β₂ = {beta2}）。"),
             _t(lang, f"Bias correction divides by 1 − β₁¹ = {1 - beta1:g} and 1 − β₂¹ = {1 - beta2:g}: m̂ = g and v̂ = g² exactly.",
                f"偏差修正分别除以 1 − β₁¹ = {1 - beta1:g} 和 1 − β₂¹ = {1 - beta2:g}：恰好 m̂ = g，v̂ = g²。"),
             _t(lang, f"So the step is {step}.", f"所以这一步是 {step}。"),
             _t(lang, "The betas cancel out: the first step moves every parameter by about lr whatever the gradient's size"
                      + (" — here the gradient is far larger than ε, so the step is lr itself." if ratio > 1000 else
                         f" — unless |g| is comparable to ε: here |g| = {times}ε, so the step is {ratio}/{ratio + 1} of lr."),
                "betas 被消掉了：无论梯度多大，第一步都让每个参数移动大约 lr"
                + ("——这里梯度远大于 ε，所以这一步的大小就是 lr 本身。" if ratio > 1000 else
                   f"——除非 |g| 与 ε 相当：这里 |g| = {times}ε，所以这一步的大小是 lr 的 {ratio}/{ratio + 1}。"))]
    verify = f"float(f\"{{{lr!r} * {abs(grad)!r} / ({abs(grad)!r} + {eps!r}):.3g}}\")"
    lines.append(_t(lang, f"Check it: {verify}", f"验证：{verify}"))
    return Generated(kind="numeric", prompt=prompt, answer=answer, explanation="\n".join(lines), verify=verify,
                     spec={"module": MODULE, "ask": "adam_first_step", "lr": lr, "eps": eps, "grad": grad,
                           "betas": [beta1, beta2]})


GENERATORS = {"kaiming_std": kaiming_std, "adam_first_step": adam_first_step}


def torch_answer(spec: dict) -> float:
    """The answer recomputed by PyTorch: the real layer and torch.nn.init's own fan and gain for the
    std; a real AdamW step for Adam (independent of the formulas above)."""
    import torch
    from torch import nn

    if spec["ask"] == "kaiming_std":
        layer = getattr(nn, spec["layer"])(**spec["kwargs"])
        fan = nn.init._calculate_correct_fan(layer.weight, spec["mode"])
        return sig3(nn.init.calculate_gain(spec["nonlinearity"]) / math.sqrt(fan))
    if spec["ask"] == "adam_first_step":
        p = nn.Parameter(torch.tensor([1.0], dtype=torch.float64))
        optimizer = torch.optim.AdamW([p], lr=spec["lr"], betas=tuple(spec["betas"]), eps=spec["eps"], weight_decay=0)
        p.grad = torch.tensor([spec["grad"]], dtype=torch.float64)
        optimizer.step()
        return sig3(abs(p.item() - 1.0))
    raise ValueError(f"unknown question {spec['ask']!r}")
