"""Generated questions for lesson 13 (backprop-by-hand): the shapes of a convolution's gradients,
and one partial derivative of a small expression graph at given numbers. Pure Python, like
tutor/quiz/generators.py (Generated and the shape helpers are imported from there when a
question is drawn, so either module may be imported first)."""
from __future__ import annotations

import random

# -- the shape of a convolution's gradients ---------------------------------------------------


def conv_gradient_shape(rng: random.Random, lang: str = "en"):
    from tutor.quiz.generated import (
        Generated,
        _call,
        _check,
        _dims,
        _same_width,
        _side,
        _side_working,
        _t,
        _tuple,
        _zeros,
    )

    while True:
        channels, filters = rng.choice([1, 3, 3, 6, 16]), rng.choice([4, 6, 8, 16, 32])
        kernel = rng.choice([1, 3, 3, 5, 5, 7])
        stride, padding = rng.choice([1, 1, 2, 2, 3]), rng.choice([0, 0, kernel // 2, 1])
        height = rng.randint(6, 40)
        width = height if rng.random() < 0.7 else rng.randint(6, 40)
        batch = rng.choice([4, 8, 16, 32, 64])
        out_h, out_w = _side(height, kernel, stride, padding, 1), _side(width, kernel, stride, padding, 1)
        if out_h >= 1 and out_w >= 1:
            break
    kwargs = {k: v for k, v in (("stride", stride), ("padding", padding)) if v != {"stride": 1, "padding": 0}[k]}
    layer = _call("Conv2d", [channels, filters, kernel], kwargs)
    batch_shape = (batch, channels, height, width)
    ask = rng.choice(["weight", "weight", "bias", "dout"])
    setting = _t(lang, f"{layer} is applied to a batch x of shape {_tuple(batch_shape)} and a loss is computed from its output. ",
                 f"把 {layer} 作用于形状为 {_tuple(batch_shape)} 的一批输入 x，并由它的输出算出损失。")
    spec = {"layer": "Conv2d", "kwargs": {"in_channels": channels, "out_channels": filters, "kernel_size": kernel,
                                          "stride": stride, "padding": padding}, "batch": batch_shape}
    if ask == "weight":
        answer: tuple[int, ...] = (filters, channels, kernel, kernel)
        prompt = setting + _t(lang, "What is the shape of the gradient of the loss with respect to the layer's weight?",
                              "损失对该层权重的梯度是什么形状？")
        verify = f"tuple({layer}.weight.shape)"
        lines = [_t(lang, "A gradient always has the shape of the tensor it belongs to (the update w − lr·dw must line up).",
                    "梯度的形状总与它所属的张量相同（更新 w − lr·dw 要能逐元素对齐）。"),
                 _t(lang, f"The weight is (F, C, KH, KW) = {_tuple(answer)}: {filters} filters, each {channels}×{kernel}×{kernel}.",
                    f"权重是 (F, C, KH, KW) = {_tuple(answer)}：{filters} 个卷积核，每个是 {channels}×{kernel}×{kernel}。"),
                 _t(lang, f"The batch of {batch} and every output position are summed over: the same filters are used at all of them.",
                    f"对批量中的 {batch} 个样本和每个输出位置求和：它们用的都是同一组卷积核。")]
        spec["parameter"] = "weight"
    elif ask == "bias":
        answer = (filters,)
        prompt = setting + _t(lang, "What is the shape of the gradient of the loss with respect to the layer's bias?",
                              "损失对该层偏置的梯度是什么形状？")
        verify = f"tuple({layer}.bias.shape)"
        lines = [_t(lang, f"One bias per filter, so the gradient is {_tuple(answer)}: db[f] sums dout[:, f] over the batch "
                          f"of {batch} and over every output position.",
                    f"每个卷积核一个偏置，所以梯度是 {_tuple(answer)}：db[f] 把 dout[:, f] 在批量的 {batch} 个样本"
                    "和每个输出位置上求和。")]
        spec["parameter"] = "bias"
    else:
        answer = (filters, out_h, out_w)
        prompt = setting + _t(lang, "The upstream gradient dout is the gradient of the loss with respect to that output. "
                                    "What is the shape of dout for one image (C×H×W)?",
                              "上游梯度 dout 是损失对该输出的梯度。对一张图像而言，dout 的形状（C×H×W）是什么？")
        verify = f"tuple({layer}({_zeros((1, channels, height, width))}).shape[1:])"
        lines = [_t(lang, "dout has the shape of the layer's output (one number per output element).",
                    "dout 的形状就是该层输出的形状（每个输出元素一个数）。"),
                 _t(lang, f"Channels: one per filter, {filters}.", f"通道：每个卷积核一个，共 {filters} 个。"),
                 _side_working("Height", height, kernel, stride, padding, 1, lang)]
        lines.append(_same_width(out_w, lang) if width == height
                     else _side_working("Width", width, kernel, stride, padding, 1, lang))
        spec["input"] = (channels, height, width)
    lines.append(_check("Shape", "形状", _dims(answer) if len(answer) > 1 else _tuple(answer), verify, lang))
    return Generated(kind="shape", prompt=prompt, answer=answer, explanation="\n".join(lines), verify=verify,
                     spec=spec)


# -- one partial derivative of a small graph --------------------------------------------------

# (formula shown, torch expression, forward/backward working as a function of the numbers)
GRAPHS = [
    ("f = (x + y)·z", "(x + y) * z"),
    ("f = x·y + y·z", "x * y + y * z"),
    ("f = max(x, y)·z", "torch.maximum(x, y) * z"),
    ("f = relu(x·y + z)", "torch.relu(x * y + z)"),
    ("f = (x·y + z)²", "(x * y + z) ** 2"),
    ("f = x·x·y", "x * x * y"),
]


def _p(v: int) -> str:
    """A number inside a sum: (−3) rather than + -3."""
    return f"({v})" if v < 0 else str(v)


def _partials(graph: int, x: int, y: int, z: int, lang: str = "en") -> tuple[dict, list[str]]:
    """∂f/∂x, ∂f/∂y, ∂f/∂z by the patterns of the lesson, with the working in words."""
    from tutor.quiz.generated import _t

    def say(en: str, zh: str) -> str:
        return _t(lang, en, zh)

    if graph == 0:
        q = x + y
        return {"x": z, "y": z, "z": q}, [
            say(f"Forward: q = x + y = {q}, f = q·z = {q * z}.", f"前向：q = x + y = {q}，f = q·z = {q * z}。"),
            say(f"Multiply swaps: ∂f/∂q = z = {z} and ∂f/∂z = q = {q}.", f"乘法交换：∂f/∂q = z = {z}，∂f/∂z = q = {q}。"),
            say(f"Add distributes: ∂f/∂x = ∂f/∂y = ∂f/∂q · 1 = {z}.", f"加法分发：∂f/∂x = ∂f/∂y = ∂f/∂q · 1 = {z}。")]
    if graph == 1:
        return {"x": y, "y": x + z, "z": y}, [
            say(f"Forward: x·y = {x * y}, y·z = {y * z}, f = {x * y + y * z}.",
                f"前向：x·y = {x * y}，y·z = {y * z}，f = {x * y + y * z}。"),
            say(f"Add distributes the upstream 1 to both products; multiply swaps: ∂f/∂x = y = {y}, ∂f/∂z = y = {y}.",
                f"加法分发：上游的 1 原样传给两个乘积；乘法交换：∂f/∂x = y = {y}，∂f/∂z = y = {y}。"),
            say(f"y is used twice (copy sums): ∂f/∂y = x + z = {x} + {_p(z)} = {x + z}.",
                f"y 被用了两次（复制求和）：∂f/∂y = x + z = {x} + {_p(z)} = {x + z}。")]
    if graph == 2:
        m = max(x, y)
        winner = "x" if x > y else "y"
        return {"x": z if x > y else 0, "y": z if y > x else 0, "z": m}, [
            say(f"Forward: max(x, y) = max({x}, {y}) = {m}, f = {m * z}.", f"前向：max(x, y) = max({x}, {y}) = {m}，f = {m * z}。"),
            say(f"Multiply swaps: ∂f/∂max = z = {z}, ∂f/∂z = max(x, y) = {m}.",
                f"乘法交换：∂f/∂max = z = {z}，∂f/∂z = max(x, y) = {m}。"),
            say(f"Max routes: the whole {z} goes to {winner} (the larger), the other gets 0.",
                f"最大值路由：整个 {z} 都给 {winner}（较大的那个），另一个得到 0。")]
    if graph == 3:
        s = x * y + z
        on = 1 if s > 0 else 0
        return {"x": on * y, "y": on * x, "z": on}, [
            say(f"Forward: x·y + z = {s}, f = relu({s}) = {max(s, 0)}.", f"前向：x·y + z = {s}，f = relu({s}) = {max(s, 0)}。"),
            say(f"relu passes the gradient where its input is positive and blocks it otherwise: local gradient {on}.",
                f"relu 在输入为正时让梯度通过，否则把它挡住：局部梯度为 {on}。"),
            say(f"Then add distributes and multiply swaps: ∂f/∂x = {on}·y = {on * y}, ∂f/∂y = {on}·x = {on * x}, "
                f"∂f/∂z = {on}.",
                f"再由加法分发、乘法交换：∂f/∂x = {on}·y = {on * y}，∂f/∂y = {on}·x = {on * x}，∂f/∂z = {on}。")]
    if graph == 4:
        s = x * y + z
        return {"x": 2 * s * y, "y": 2 * s * x, "z": 2 * s}, [
            say(f"Forward: s = x·y + z = {s}, f = s² = {s * s}.", f"前向：s = x·y + z = {s}，f = s² = {s * s}。"),
            say(f"Local gradient of the square: ∂f/∂s = 2s = {2 * s}.", f"平方的局部梯度：∂f/∂s = 2s = {2 * s}。"),
            say(f"Add distributes, multiply swaps: ∂f/∂x = 2s·y = {2 * s * y}, ∂f/∂y = 2s·x = {2 * s * x}, ∂f/∂z = 2s = {2 * s}.",
                f"加法分发，乘法交换：∂f/∂x = 2s·y = {2 * s * y}，∂f/∂y = 2s·x = {2 * s * x}，∂f/∂z = 2s = {2 * s}。")]
    return {"x": 2 * x * y, "y": x * x, "z": 0}, [
        say(f"Forward: f = x·x·y = {x * x * y}.", f"前向：f = x·x·y = {x * x * y}。"),
        say(f"x is used twice (copy sums): each use contributes x·y = {x * y}, so ∂f/∂x = 2·x·y = {2 * x * y}.",
            f"x 被用了两次（复制求和）：每次使用贡献 x·y = {x * y}，所以 ∂f/∂x = 2·x·y = {2 * x * y}。"),
        say(f"∂f/∂y = x·x = {x * x}.", f"∂f/∂y = x·x = {x * x}。")]


def graph_gradient(rng: random.Random, lang: str = "en"):
    from tutor.quiz.generated import Generated, _t

    while True:
        graph = rng.randrange(len(GRAPHS))
        x, y, z = (rng.choice([-5, -4, -3, -2, -1, 1, 2, 3, 4, 5]) for _ in range(3))
        if graph == 2 and x == y:
            continue            # a tie: the derivative of max is not defined there
        if graph == 3 and x * y + z == 0:
            continue            # the kink of relu
        break
    wrt = rng.choice(["x", "y"] if graph == 5 else ["x", "y", "z"])
    formula, expression = GRAPHS[graph]
    partials, lines = _partials(graph, x, y, z, lang)
    answer = partials[wrt]
    values = {"x": x, "y": y} if graph == 5 else {"x": x, "y": y, "z": z}
    given = ", ".join(f"{k} = {v}" for k, v in values.items())
    names = ", ".join(values)
    numbers = ", ".join(f"{float(v)}" for v in values.values())
    argnum = list(values).index(wrt)
    verify = (f"torch.func.grad(lambda {names}: {expression}, argnums={argnum})"
              f"(*map(torch.tensor, ({numbers}))).item()")
    lines.append(_t(lang, f"∂f/∂{wrt} = {answer}.  Check it: {verify}", f"∂f/∂{wrt} = {answer}。验证：{verify}"))
    return Generated(kind="numeric", prompt=_t(lang, f"{formula} at {given}. What is ∂f/∂{wrt}?",
                                               f"{formula}，其中 {given}。∂f/∂{wrt} 是多少？"), answer=answer,
                     explanation="\n".join(lines), verify=verify,
                     spec={"api": "graph", "expression": expression, "values": values, "wrt": wrt})


GENERATORS = {
    "conv_gradient_shape": conv_gradient_shape,
    "graph_gradient": graph_gradient,
}
