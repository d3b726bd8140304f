"""Generated questions for lesson 13 (backprop-by-hand): the shapes of a convolution's gradients,
and one partial derivative of a small expression graph at given numbers. Pure Python, like
tutor/quiz/generators.py (Generated and the shape helpers are imported from there when a
question is drawn, so either module may be imported first)."""
from __future__ import annotations

import random

# -- the shape of a convolution's gradients ---------------------------------------------------


def conv_gradient_shape(rng: random.Random):
    from tutor.quiz.generators import Generated, _call, _dims, _side, _side_working, _tuple, _zeros

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
    setting = f"{layer} is applied to a batch x of shape {_tuple(batch_shape)} and a loss is computed from its output."
    spec = {"layer": "Conv2d", "kwargs": {"in_channels": channels, "out_channels": filters, "kernel_size": kernel,
                                          "stride": stride, "padding": padding}, "batch": batch_shape}
    if ask == "weight":
        answer = (filters, channels, kernel, kernel)
        prompt = f"{setting} What is the shape of the gradient of the loss with respect to the layer's weight?"
        verify = f"tuple({layer}.weight.shape)"
        lines = ["A gradient always has the shape of the tensor it belongs to (the update w − lr·dw must line up).",
                 f"The weight is (F, C, KH, KW) = {_tuple(answer)}: {filters} filters, each {channels}×{kernel}×{kernel}.",
                 f"The batch of {batch} and every output position are summed over: the same filters are used at all of them."]
        spec["parameter"] = "weight"
    elif ask == "bias":
        answer = (filters,)
        prompt = f"{setting} What is the shape of the gradient of the loss with respect to the layer's bias?"
        verify = f"tuple({layer}.bias.shape)"
        lines = [f"One bias per filter, so the gradient is {_tuple(answer)}: db[f] sums dout[:, f] over the batch "
                 f"of {batch} and over every output position."]
        spec["parameter"] = "bias"
    else:
        answer = (filters, out_h, out_w)
        prompt = (f"{setting} The upstream gradient dout is the gradient of the loss with respect to that output. "
                  f"What is the shape of dout for one image (C×H×W)?")
        verify = f"tuple({layer}({_zeros((1, channels, height, width))}).shape[1:])"
        lines = ["dout has the shape of the layer's output (one number per output element).",
                 f"Channels: one per filter, {filters}.",
                 _side_working("Height", height, kernel, stride, padding, 1)]
        lines.append(f"Width: the same numbers, so {out_w}." if width == height
                     else _side_working("Width", width, kernel, stride, padding, 1))
        spec["input"] = (channels, height, width)
    lines.append(f"Shape: {_dims(answer) if len(answer) > 1 else _tuple(answer)}.  Check it: {verify}")
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


def _partials(graph: int, x: int, y: int, z: int) -> tuple[dict, list[str]]:
    """∂f/∂x, ∂f/∂y, ∂f/∂z by the patterns of the lesson, with the working in words."""
    if graph == 0:
        q = x + y
        return {"x": z, "y": z, "z": q}, [
            f"Forward: q = x + y = {q}, f = q·z = {q * z}.",
            f"Multiply swaps: ∂f/∂q = z = {z} and ∂f/∂z = q = {q}.",
            f"Add distributes: ∂f/∂x = ∂f/∂y = ∂f/∂q · 1 = {z}."]
    if graph == 1:
        return {"x": y, "y": x + z, "z": y}, [
            f"Forward: x·y = {x * y}, y·z = {y * z}, f = {x * y + y * z}.",
            f"Add distributes the upstream 1 to both products; multiply swaps: ∂f/∂x = y = {y}, ∂f/∂z = y = {y}.",
            f"y is used twice (copy sums): ∂f/∂y = x + z = {x} + {_p(z)} = {x + z}."]
    if graph == 2:
        m = max(x, y)
        winner = "x" if x > y else "y"
        return {"x": z if x > y else 0, "y": z if y > x else 0, "z": m}, [
            f"Forward: max(x, y) = max({x}, {y}) = {m}, f = {m * z}.",
            f"Multiply swaps: ∂f/∂max = z = {z}, ∂f/∂z = max(x, y) = {m}.",
            f"Max routes: the whole {z} goes to {winner} (the larger), the other gets 0."]
    if graph == 3:
        s = x * y + z
        on = 1 if s > 0 else 0
        return {"x": on * y, "y": on * x, "z": on}, [
            f"Forward: x·y + z = {s}, f = relu({s}) = {max(s, 0)}.",
            f"relu passes the gradient where its input is positive and blocks it otherwise: local gradient {on}.",
            f"Then add distributes and multiply swaps: ∂f/∂x = {on}·y = {on * y}, ∂f/∂y = {on}·x = {on * x}, "
            f"∂f/∂z = {on}."]
    if graph == 4:
        s = x * y + z
        return {"x": 2 * s * y, "y": 2 * s * x, "z": 2 * s}, [
            f"Forward: s = x·y + z = {s}, f = s² = {s * s}.",
            f"Local gradient of the square: ∂f/∂s = 2s = {2 * s}.",
            f"Add distributes, multiply swaps: ∂f/∂x = 2s·y = {2 * s * y}, ∂f/∂y = 2s·x = {2 * s * x}, ∂f/∂z = 2s = {2 * s}."]
    return {"x": 2 * x * y, "y": x * x, "z": 0}, [
        f"Forward: f = x·x·y = {x * x * y}.",
        f"x is used twice (copy sums): each use contributes x·y = {x * y}, so ∂f/∂x = 2·x·y = {2 * x * y}.",
        f"∂f/∂y = x·x = {x * x}."]


def graph_gradient(rng: random.Random):
    from tutor.quiz.generators import Generated

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
    partials, lines = _partials(graph, x, y, z)
    answer = partials[wrt]
    values = {"x": x, "y": y} if graph == 5 else {"x": x, "y": y, "z": z}
    given = ", ".join(f"{k} = {v}" for k, v in values.items())
    names = ", ".join(values)
    numbers = ", ".join(f"{float(v)}" for v in values.values())
    argnum = list(values).index(wrt)
    verify = (f"torch.func.grad(lambda {names}: {expression}, argnums={argnum})"
              f"(*map(torch.tensor, ({numbers}))).item()")
    lines.append(f"∂f/∂{wrt} = {answer}.  Check it: {verify}")
    return Generated(kind="numeric", prompt=f"{formula} at {given}. What is ∂f/∂{wrt}?", answer=answer,
                     explanation="\n".join(lines), verify=verify,
                     spec={"api": "graph", "expression": expression, "values": values, "wrt": wrt})


GENERATORS = {
    "conv_gradient_shape": conv_gradient_shape,
    "graph_gradient": graph_gradient,
}
