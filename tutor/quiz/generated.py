"""What a generated question is, and the sentence helpers every lesson's generators share.

The generator modules (tutor.quiz.generators and its per-lesson companions) import from here,
and tutor.quiz.generators gathers them all into one registry: no module imports its importer.
"""
from __future__ import annotations

import random  # noqa: F401  (generators take a random.Random)
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Generated:
    kind: str                      # 'shape' or 'numeric'
    prompt: str
    answer: object                 # tuple[int, ...] for shapes, int for counts
    explanation: str
    verify: str                    # a PyTorch expression whose value is the answer
    spec: dict = field(default_factory=dict)
    tolerance: float = 0           # absolute; above 0 for answers asked to a few decimals


def _t(lang: str, en: str, zh: str) -> str:
    """One sentence in the learner's language (both versions are built from the same numbers)."""
    return zh if lang == "zh" else en


def _dims(shape: tuple[int, ...]) -> str:
    return "×".join(str(s) for s in shape)


def _tuple(shape: tuple[int, ...]) -> str:
    return f"({shape[0]},)" if len(shape) == 1 else f"({', '.join(str(s) for s in shape)})"


def _zeros(shape: tuple[int, ...]) -> str:
    return f"torch.zeros({', '.join(str(s) for s in shape)})"


def _call(name: str, args: list, kwargs: dict) -> str:
    """`nn.Conv2d(3, 6, 5, stride=2)`: only the arguments that differ from the defaults."""
    parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    return f"nn.{name}({', '.join(parts)})"


def _side(size: int, kernel: int, stride: int, padding: int, dilation: int) -> int:
    """One spatial side of a convolution or pooling output (PyTorch's floor formula)."""
    return (size + 2 * padding - dilation * (kernel - 1) - 1) // stride + 1


SIDE_ZH = {"Height": "高", "Width": "宽"}


def _side_working(label: str, size: int, kernel: int, stride: int, padding: int, dilation: int | None,
                  lang: str = "en") -> str:
    """One side ('Height' or 'Width') worked out with the learner's numbers; `dilation=None` for
    pooling's shorter formula."""
    span = kernel if dilation is None else dilation * (kernel - 1) + 1
    top = size + 2 * padding - span
    written = (f"{size} + 2·{padding} − {kernel}" if dilation is None
               else f"{size} + 2·{padding} − {dilation}·({kernel} − 1) − 1")
    working = (f"floor(({written}) / {stride}) + 1 = floor({top}/{stride}) + 1"
               f" = {top // stride} + 1 = {top // stride + 1}")
    line = _t(lang, f"{label}: {working}", f"{SIDE_ZH[label]}：{working}")
    left = top % stride
    if left:
        what = "row" if label == "Height" else "column"
        tail = f"last {what} of the padded input is" if left == 1 else f"last {left} {what}s of the padded input are"
        what_zh = "行" if label == "Height" else "列"
        tail_zh = f"最后一{what_zh}" if left == 1 else f"最后 {left} {what_zh}"
        line += _t(lang, f"  (the floor drops a remainder of {left}: the {tail} never covered)",
                   f"（向下取整丢掉了余数 {left}：填充后输入的{tail_zh}从未被覆盖）")
    return line


def _same_width(out_w: int, lang: str) -> str:
    return _t(lang, f"Width: the same numbers, so {out_w}.", f"宽：数字相同，所以是 {out_w}。")


def _check(label_en: str, label_zh: str, value: str, verify: str, lang: str) -> str:
    """The last line of every explanation: 'Shape: (6, 28, 28).  Check it: <verify>'."""
    return _t(lang, f"{label_en}: {value}.  Check it: {verify}", f"{label_zh}：{value}。验证：{verify}")


def _count(n: int) -> str:
    return f"{n:,}"


def _no_bias(lang: str) -> str:
    return _t(lang, "bias=False: no bias vector.", "bias=False：没有偏置向量。")


def count_prompt(layer: str, lang: str) -> str:
    return _t(lang, f"How many parameters (weights and biases) does {layer} have?", f"{layer} 有多少个参数（权重和偏置）？")
