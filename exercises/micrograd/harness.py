"""Runs in the sandbox with the learner's module (or, in the grader, the torch-backed oracle / a
wrong variant) as its first argument. A graph travels as plain data — a list of nodes, each built
from earlier ones — and comes back as plain floats:

    ["leaf", 1.5]                  a Value(1.5)
    ["op", "mul", i, j]            nodes[i] * nodes[j]   (add, sub, mul, div; i may equal j)
    ["num", "sub", i, 2.0, "left"] 2.0 - nodes[i]        ("right": nodes[i] - 2.0)
    ["pow", i, 0.5]                nodes[i] ** 0.5
    ["unary", "tanh", i]           nodes[i].tanh()       (tanh, exp, relu)

The last node is the output."""
import sys

SYMBOL = {"add": "+", "sub": "-", "mul": "*", "div": "/"}


def labels(spec: list) -> list:
    """A short formula for every node: x0 for leaves, v5 = v3 * x1 for the others."""
    names = [f"x{k}" if entry[0] == "leaf" else f"v{k}" for k, entry in enumerate(spec)]
    out = []
    for k, entry in enumerate(spec):
        kind = entry[0]
        if kind == "leaf":
            text = f"{names[k]} = Value({entry[1]!r})"
        elif kind == "op":
            text = f"{names[k]} = {names[entry[2]]} {SYMBOL[entry[1]]} {names[entry[3]]}"
        elif kind == "num":
            _, op, i, number, side = entry
            text = (f"{names[k]} = {number!r} {SYMBOL[op]} {names[i]}" if side == "left"
                    else f"{names[k]} = {names[i]} {SYMBOL[op]} {number!r}")
        elif kind == "pow":
            text = f"{names[k]} = {names[entry[1]]} ** {entry[2]!r}"
        else:
            text = f"{names[k]} = {names[entry[2]]}.{entry[1]}()"
        out.append(text)
    return out


def _apply(Value, nodes: list, entry: list):
    kind = entry[0]
    if kind == "leaf":
        return Value(entry[1])
    if kind == "op":
        a, b = nodes[entry[2]], nodes[entry[3]]
        return {"add": lambda: a + b, "sub": lambda: a - b, "mul": lambda: a * b, "div": lambda: a / b}[entry[1]]()
    if kind == "num":
        _, op, i, n, side = entry
        a = nodes[i]
        if side == "left":
            return {"add": lambda: n + a, "sub": lambda: n - a, "mul": lambda: n * a, "div": lambda: n / a}[op]()
        return {"add": lambda: a + n, "sub": lambda: a - n, "mul": lambda: a * n, "div": lambda: a / n}[op]()
    if kind == "pow":
        return nodes[entry[1]] ** entry[2]
    return getattr(nodes[entry[2]], entry[1])()


def _number(value, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        kind = type(value).__name__
        raise TypeError(f"{what} should be a Python number (int or float), but it is a {kind}")
    return float(value)


def _build(ns, spec: list) -> list:
    nodes = []
    names = labels(spec)
    for k, entry in enumerate(spec):
        try:
            node = _apply(ns.Value, nodes, entry)
        except TypeError as exc:
            reflected = ""
            if entry[0] == "num" and entry[4] == "left":
                method = {"add": "__radd__", "sub": "__rsub__", "mul": "__rmul__", "div": "__rtruediv__"}[entry[1]]
                reflected = f" (with a number on the left, Python calls the Value's {method})"
            raise TypeError(f"building {names[k]}: {exc}{reflected}") from exc
        if node is None:
            raise TypeError(f"building {names[k]}: the operation returned None — return a new Value")
        nodes.append(node)
    return nodes


def forward(ns, spec: list):
    """(formulas, data of every node): the forward pass only."""
    nodes = _build(ns, spec)
    names = labels(spec)
    return names, [_number(getattr(n, "data", None), f"{names[k].split(' =')[0]}.data") for k, n in enumerate(nodes)]


def backward(ns, spec: list):
    """(formulas, data of every node, grad of every leaf) after output.backward()."""
    # A deep chain is a deep recursion for the textbook (recursive) topological sort: allow it.
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 4 * len(spec) + 1000))
    nodes = _build(ns, spec)
    names = labels(spec)
    nodes[-1].backward()
    data = [_number(getattr(n, "data", None), f"{names[k].split(' =')[0]}.data") for k, n in enumerate(nodes)]
    grads = [_number(getattr(nodes[k], "grad", None), f"x{k}.grad") for k, e in enumerate(spec) if e[0] == "leaf"]
    return names, data, grads
