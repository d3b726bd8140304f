"""Generated questions for the diffusion lesson: ᾱ_t of a linear schedule, and the std of x_t.

Pure Python (no torch): the schedule is torch.linspace's evenly spaced values and ᾱ_t their
running product of (1 − β). Answers are given to 6 decimals and accepted within ±0.0005, so
any answer rounded to 3 decimals is right. (6 significant digits, not 6 decimals: that is how
the quiz shows a number, and the learner may type what was shown.)
"""
from __future__ import annotations

import math
import random
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.quiz.generated import Generated

TOLERANCE = 0.0005
SCHEDULES = [(10, 0.01, 0.3), (20, 0.001, 0.2), (50, 1e-4, 0.1), (100, 1e-4, 0.2), (1000, 1e-4, 0.02)]


def six_digits(value: float) -> float:
    return float(format(value, ".6g"))


def _schedule(rng: random.Random) -> tuple[int, float, float]:
    return rng.choice(SCHEDULES)


def betas(T: int, start: float, end: float) -> list[float]:
    return [start + (end - start) * i / (T - 1) for i in range(T)]


def alpha_bar(T: int, start: float, end: float, t: int) -> float:
    product = 1.0
    for beta in betas(T, start, end)[:t + 1]:
        product *= 1 - beta
    return product


def _verify_alpha_bar(T: int, start: float, end: float, t: int) -> str:
    return (f"torch.cumprod(1 - torch.linspace({start!r}, {end!r}, {T}, dtype=torch.float64), 0)[{t}].item()")


def _draw_step(rng: random.Random) -> tuple[int, float, float, int, float]:
    """A schedule and a 0-based step whose ᾱ is large enough to show at 3 decimals."""
    while True:
        T, start, end = _schedule(rng)
        t = rng.randrange(T)
        a = alpha_bar(T, start, end, t)
        if a >= 0.02:
            return T, start, end, t, a


def _schedule_text(T: int, start: float, end: float) -> str:
    return f"torch.linspace({start!r}, {end!r}, {T})"


def _t(lang: str, en: str, zh: str) -> str:
    return zh if lang == "zh" else en


def _alpha_bar_working(T: int, start: float, end: float, t: int, a: float, lang: str = "en") -> list[str]:
    step = (end - start) / (T - 1)
    shown = betas(T, start, end)[:t + 1]
    if len(shown) <= 3:
        listed = ", ".join(f"{b:.4g}" for b in shown)
    else:
        listed = ", ".join(f"{b:.4g}" for b in shown[:3]) + f", …, {shown[-1]:.4g}"
    product = f"(1 − {shown[0]:.4g})·…·(1 − {shown[-1]:.4g}) = {a:.6f}"
    return [_t(lang, f"β rises evenly from {start:g} by {step:.4g} per step ((end − start)/(T − 1), T − 1 = {T - 1} gaps): "
                     f"β_0 … β_{t} = {listed}.",
               f"β 从 {start:g} 开始均匀上升，每步增加 {step:.4g}（(end − start)/(T − 1)，共 T − 1 = {T - 1} 个间隔）："
               f"β_0 … β_{t} = {listed}。"),
            _t(lang, f"ᾱ_{t} is the running product of α_s = 1 − β_s for s = 0 … {t} ({t + 1} factors, counting from 0): "
                     f"{product}.",
               f"ᾱ_{t} 是 α_s = 1 − β_s 在 s = 0 … {t} 上的累积乘积（从 0 数起，共 {t + 1} 个因子）：{product}。")]


def ddpm_alpha_bar(rng: random.Random, lang: str = "en") -> Generated:
    from tutor.quiz.generated import Generated
    T, start, end, t, a = _draw_step(rng)
    answer = six_digits(a)
    verify = f"float(format({_verify_alpha_bar(T, start, end, t)}, '.6g'))"
    lines = _alpha_bar_working(T, start, end, t, a, lang)
    lines.append(_t(lang, f"So ᾱ_{t} = {answer:,}: x_{t} keeps {100 * a:.1f}% of the data's variance and is "
                          f"{100 * (1 - a):.1f}% noise.  Check it: {verify}",
                    f"所以 ᾱ_{t} = {answer:,}：x_{t} 保留了数据 {100 * a:.1f}% 的方差，其余 {100 * (1 - a):.1f}% 是噪声。"
                    f"验证：{verify}"))
    schedule = _schedule_text(T, start, end)
    return Generated(kind="numeric",
                     prompt=_t(lang, f"A DDPM uses the linear schedule betas = {schedule}, steps counted "
                                     f"from t = 0. What is ᾱ_{t} (alphas_cumprod[{t}]), to 3 decimals?",
                               f"一个 DDPM 使用线性调度 betas = {schedule}，步数从 t = 0 开始计。"
                               f"ᾱ_{t}（alphas_cumprod[{t}]）是多少？保留 3 位小数。"),
                     answer=answer, explanation="\n".join(lines), verify=verify, tolerance=TOLERANCE,
                     spec={"ask": "alpha_bar", "T": T, "start": start, "end": end, "t": t})


def ddpm_xt_std(rng: random.Random, lang: str = "en") -> Generated:
    from tutor.quiz.generated import Generated
    T, start, end, t, a = _draw_step(rng)
    fixed = rng.random() < 0.35
    if fixed:
        x0 = rng.choice([-3.0, -1.0, 0.5, 2.0, 4.0])
        data = _t(lang, f"a fixed point x_0 = {x0:g} (the same x_0 every time)", f"一个固定点 x_0 = {x0:g}（每次都是同一个 x_0）")
        variance = 1 - a
        why = _t(lang, f"x_0 is fixed, so √ᾱ_{t}·x_0 is a constant that shifts the mean and adds no spread: "
                       f"the std is that of the noise part alone, √(1 − ᾱ_{t}) = √(1 − {a:.6f})",
                 f"x_0 是固定的，所以 √ᾱ_{t}·x_0 是一个常数，只平移均值、不增加离散程度："
                 f"标准差就是噪声部分的标准差 √(1 − ᾱ_{t}) = √(1 − {a:.6f})")
        spec_std = 0.0
    else:
        spec_std = rng.choice([0.5, 1.0, 1.0, 2.0, 3.0])
        data = _t(lang, f"data x_0 with standard deviation {spec_std:g} (per coordinate)",
                  f"标准差为 {spec_std:g}（每个坐标）的数据 x_0")
        variance = a * spec_std ** 2 + 1 - a
        sum_text = (f"Var(x_{t}) = ᾱ_{t}·{spec_std:g}² + (1 − ᾱ_{t}) "
                    f"= {a:.6f}·{spec_std ** 2:g} + {1 - a:.6f} = {variance:.6f}")
        why = _t(lang, f"x_0 and ε are independent, so the variances add: {sum_text}, and the std is its square root",
                 f"x_0 与 ε 相互独立，所以方差相加：{sum_text}，标准差是它的平方根")
        if spec_std == 1.0:
            why += _t(lang, " (unit-variance data keeps unit variance at every t: the schedule was built for that)",
                      "（单位方差的数据在每个 t 上都保持单位方差：调度正是为此设计的）")
    answer = six_digits(math.sqrt(variance))
    verify = (f"float(format(math.sqrt((lambda a: a * {spec_std ** 2!r} + 1 - a)({_verify_alpha_bar(T, start, end, t)})), "
              f"'.6g'))")
    lines = _alpha_bar_working(T, start, end, t, a, lang)
    lines.append(_t(lang, f"x_{t} = √ᾱ_{t}·x_0 + √(1 − ᾱ_{t})·ε with ε ~ N(0, 1). {why}.",
                    f"x_{t} = √ᾱ_{t}·x_0 + √(1 − ᾱ_{t})·ε，其中 ε ~ N(0, 1)。{why}。"))
    lines.append(_t(lang, f"std(x_{t}) = {answer:,}.  Check it: {verify}", f"std(x_{t}) = {answer:,}。验证：{verify}"))
    schedule = _schedule_text(T, start, end)
    return Generated(kind="numeric",
                     prompt=_t(lang, f"A DDPM uses betas = {schedule}, steps counted from t = 0, and noises "
                                     f"{data} with x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε. What is the standard deviation of x_{t}, "
                                     f"to 3 decimals?",
                               f"一个 DDPM 使用 betas = {schedule}，步数从 t = 0 开始计，用 x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε "
                               f"给{data}{'' if data.endswith('）') else ' '}加噪。x_{t} 的标准差是多少？保留 3 位小数。"),
                     answer=answer, explanation="\n".join(lines), verify=verify, tolerance=TOLERANCE,
                     spec={"ask": "std", "T": T, "start": start, "end": end, "t": t, "data_std": spec_std,
                           "x0": x0 if fixed else None})


GENERATORS = {"ddpm_alpha_bar": ddpm_alpha_bar, "ddpm_xt_std": ddpm_xt_std}
