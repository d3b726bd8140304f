"""Checks for micrograd: the learner's Value class builds random expression graphs in the sandbox
(harness.py); the oracle builds the same graphs with 0-dim float64 tensors and torch.autograd,
here in the grading process. Graphs: every operation alone, numbers on either side, a node used
twice by one operation, shared sub-expressions, random DAGs, and an 800-step chain of 2,403 nodes
(a recursive topological sort is given the recursion depth it needs)."""
import math
import random

import torch
from hypothesis import strategies as st

from tutor.content.check_phrases import Phrases
from tutor.grading.spec import Call, Check

say = Phrases(__file__)


class TorchValue:
    """The oracle's Value: every node is a float64 tensor, gradients come from torch.autograd."""

    def __init__(self, data, _tensor=None):
        self.t = _tensor if _tensor is not None else torch.tensor(float(data), dtype=torch.float64, requires_grad=True)

    @property
    def data(self) -> float:
        return float(self.t.detach())

    @property
    def grad(self) -> float:
        return 0.0 if self.t.grad is None else float(self.t.grad)

    @staticmethod
    def _raw(other):
        return other.t if isinstance(other, TorchValue) else other

    def _new(self, tensor):
        return TorchValue(None, tensor)

    def __add__(self, o): return self._new(self.t + self._raw(o))
    def __radd__(self, o): return self._new(self._raw(o) + self.t)
    def __sub__(self, o): return self._new(self.t - self._raw(o))
    def __rsub__(self, o): return self._new(self._raw(o) - self.t)
    def __mul__(self, o): return self._new(self.t * self._raw(o))
    def __rmul__(self, o): return self._new(self._raw(o) * self.t)
    def __truediv__(self, o): return self._new(self.t / self._raw(o))
    def __rtruediv__(self, o): return self._new(self._raw(o) / self.t)
    def __pow__(self, n): return self._new(self.t ** n)
    def tanh(self): return self._new(torch.tanh(self.t))
    def exp(self): return self._new(torch.exp(self.t))
    def relu(self): return self._new(torch.relu(self.t))

    def backward(self):
        self.t.backward()


class ORACLE:
    Value = TorchValue


# -- graphs as plain data (see harness.py for the format) ---------------------------------------
def _value(entry, vals):
    """The node's value in plain Python (to keep random graphs finite and away from kinks), or None."""
    kind = entry[0]
    try:
        if kind == "leaf":
            return float(entry[1])
        if kind == "op":
            a, b = vals[entry[2]], vals[entry[3]]
            if entry[1] == "div" and abs(b) < 0.3:
                return None
            return {"add": a + b, "sub": a - b, "mul": a * b, "div": a / b if b else None}[entry[1]]
        if kind == "num":
            _, op, i, n, side = entry
            a = vals[i]
            if op == "div" and side == "left" and abs(a) < 0.3:
                return None
            x, y = (n, a) if side == "left" else (a, n)
            return {"add": x + y, "sub": x - y, "mul": x * y, "div": x / y}[op]
        if kind == "pow":
            a, n = vals[entry[1]], entry[2]
            if (n != int(n) and a < 0.2) or (n < 0 and abs(a) < 0.3):
                return None
            return a ** n
        a = vals[entry[2]]
        if entry[1] == "exp":
            return math.exp(a) if a < 3 else None
        if entry[1] == "relu":
            return max(a, 0.0) if abs(a) > 1e-3 else None     # no ties at the kink
        return math.tanh(a)
    except (OverflowError, ZeroDivisionError):
        return None


def random_graph(rng: random.Random, leaves: int, ops: int, kinds=("op", "num", "pow", "unary")) -> list:
    spec, vals = [], []
    for _ in range(leaves):
        v = round(rng.choice([-1, 1]) * rng.uniform(0.3, 2.0), 3)
        spec.append(["leaf", v])
        vals.append(v)
    used = [0] * leaves
    while len(spec) < leaves + ops:
        recent = max(0, len(spec) - 4)
        def pick(recent: int = recent) -> int:
            return rng.randrange(len(spec)) if rng.random() < 0.5 else rng.randrange(recent, len(spec))
        kind = rng.choice(kinds)
        if kind == "op":
            i = pick()
            j = i if rng.random() < 0.15 else pick()        # sometimes one node on both sides: a * a
            entry = ["op", rng.choice(["add", "sub", "mul", "div"]), i, j]
        elif kind == "num":
            number = rng.choice([2, -1, 3, 0.5, round(rng.uniform(-3, 3), 2)])
            entry = ["num", rng.choice(["add", "sub", "mul", "div"]), pick(), number, rng.choice(["left", "right"])]
        elif kind == "pow":
            entry = ["pow", pick(), rng.choice([2, 3, -1, 0.5, 1.5, -0.5])]
        else:
            entry = ["unary", rng.choice(["tanh", "exp", "relu"]), pick()]
        v = _value(entry, vals)
        if v is None or not math.isfinite(v) or abs(v) > 50 or (abs(v) < 1e-6 and v != 0.0):
            continue
        spec.append(entry)
        vals.append(v)
        used.append(0)
        for k in (entry[2:4] if kind == "op" else [entry[1]] if kind == "pow" else [entry[2]]):
            used[k] += 1
    # Join every node nobody uses into the output, so that every node reaches it.
    sinks = [k for k in range(len(spec)) if used[k] == 0]
    out = sinks[0]
    for k in sinks[1:]:
        spec.append(["op", "add", out, k])
        out = len(spec) - 1
    if spec[-1][0] == "leaf":                               # a graph of one leaf: give it an operation
        spec.append(["unary", "tanh", len(spec) - 1])
    return spec


def deep_chain(steps: int, w: float, b: float, x: float) -> list:
    """v ← tanh(v·w + b), `steps` times, w and b shared by every step: 3·steps + 3 nodes."""
    spec = [["leaf", x], ["leaf", w], ["leaf", b]]
    v = 0
    for _ in range(steps):
        spec.append(["op", "mul", v, 1])
        spec.append(["op", "add", len(spec) - 1, 2])
        spec.append(["unary", "tanh", len(spec) - 1])
        v = len(spec) - 1
    return spec


def build(p: dict, gen: torch.Generator) -> Call:
    if "spec" in p:
        spec = p["spec"]
    elif "chain" in p:
        spec = deep_chain(p["chain"], 0.9, 0.1, 0.5)
    else:
        rng = random.Random(int(torch.randint(0, 2**31, (1,), generator=gen)))
        spec = random_graph(rng, p["leaves"], p["ops"], tuple(p.get("kinds", ("op", "num", "pow", "unary"))))
    fn = p.get("stage", "backward")
    describe = {"graph": _describe(spec)}
    return Call(fn, (spec,), harness=True, describe=describe)


def _describe(spec: list):
    from_harness = _harness_labels(spec)
    if len(spec) <= 16:
        return from_harness
    return say("{count} nodes: {first}, …, {last}", count=len(spec), first=from_harness[0], last=from_harness[-1])


_LABELS = []


def _harness_labels(spec):
    """harness.labels, loaded once (checks.py and harness.py are trusted files of the exercise)."""
    if _LABELS:
        return _LABELS[0](spec)
    import importlib.util
    from pathlib import Path

    module_spec = importlib.util.spec_from_file_location("micrograd_harness_labels", Path(__file__).with_name("harness.py"))
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    _LABELS.append(module.labels)
    return module.labels(spec)


# -- comparing: plain floats, so the messages can name the node -------------------------------
RTOL, ATOL = 1e-6, 1e-9


def _close(e: float, g) -> bool:
    return isinstance(g, (int, float)) and not isinstance(g, bool) and (
        abs(g - e) <= ATOL + RTOL * abs(e) or (math.isnan(e) and g != g))


def _uses(labels: list, leaf: str) -> int:
    return sum(label.split(" = ", 1)[1].replace("(", " ").replace(")", " ").split().count(leaf)
               for label in labels if not label.split(" = ", 1)[1].startswith("Value("))


def compare_graph(expected, got):
    labels = expected[0]
    if not isinstance(got, (tuple, list)) or len(got) != len(expected):
        return say("the harness could not read your Values back")
    for label, e, g in zip(labels, expected[1], got[1]):
        if not _close(e, g):
            return say("forward pass: {label} should have .data {e:.10g}, yours is {g!r:.20}\n(the graph: {graph})",
                       label=label, e=e, g=g, graph=_short(labels))
    if len(expected) == 3:
        leaves = [label.split(" = ")[0] for label in labels if label.split(" = ", 1)[1].startswith("Value(")]
        for name, e, g in zip(leaves, expected[2], got[2]):
            if not _close(e, g):
                uses = _uses(labels, name)
                tail = (" — " + say("{name} is used {uses} times in the graph: every use must add its share",
                                    name=name, uses=uses) if uses > 1 else "")
                return say("after out.backward(): {name}.grad should be {e:.10g}, yours is {g!r:.20}{tail}\n"
                           "(the graph: {graph})", name=name, e=e, g=g, tail=tail, graph=_short(labels))
    return None


def _short(labels: list) -> str:
    if len(labels) <= 16:
        return "; ".join(labels)
    return say("{count} nodes — {first}; …; {last}", count=len(labels), first="; ".join(labels[:6]),
               last=labels[-1])


@st.composite
def graphs(draw):
    return {"leaves": draw(st.integers(1, 4)), "ops": draw(st.integers(1, 25))}


SINGLE_OPS = [
    {"spec": [["leaf", 2.0], ["leaf", -3.0], ["op", op, 0, 1]]} for op in ("add", "sub", "mul", "div")
]
NUMBERS = [
    {"spec": [["leaf", 1.5], ["num", op, 0, n, side]]}
    for op, n in (("add", 2), ("sub", 1.0), ("mul", 3), ("div", 2.0)) for side in ("left", "right")
]
UNARY = [{"spec": [["leaf", v], ["unary", name, 0]]} for name in ("tanh", "exp", "relu") for v in (0.7, -1.2)] + [
    {"spec": [["leaf", 1.7], ["pow", 0, n]]} for n in (2, 3, -1, 0.5, -0.5)
]
USED_TWICE = [
    {"spec": [["leaf", 3.0], ["op", "mul", 0, 0]]},                                   # a * a
    {"spec": [["leaf", 3.0], ["op", "add", 0, 0]]},                                   # a + a
    {"spec": [["leaf", -2.0], ["leaf", 0.5], ["op", "mul", 0, 1], ["op", "add", 2, 0]]},   # a·b + a
]
SHARED = [
    # c = a·b; d = c + a; out = tanh(c·d) and tanh(d·c): c feeds two nodes, and d depends on c too —
    # in one order or the other, a walk from the output reaches c before d has sent it its share
    {"spec": [["leaf", 0.6], ["leaf", -1.1], ["op", "mul", 0, 1], ["op", "add", 2, 0], ["op", "mul", 2, 3],
              ["unary", "tanh", 4]]},
    {"spec": [["leaf", 0.6], ["leaf", -1.1], ["op", "mul", 0, 1], ["op", "add", 2, 0], ["op", "mul", 3, 2],
              ["unary", "tanh", 4]]},
    # the neuron of micrograd's README: tanh(x1·w1 + x2·w2 + b), then its square
    {"spec": [["leaf", 2.0], ["leaf", 0.0], ["leaf", -3.0], ["leaf", 1.0], ["leaf", 6.8813735870195432],
              ["op", "mul", 0, 2], ["op", "mul", 1, 3], ["op", "add", 5, 6], ["op", "add", 7, 4],
              ["unary", "tanh", 8], ["pow", 9, 2], ["op", "add", 10, 9]]},
]


CHECKS = [
    Check("forward: a + b, a − b, a · b, a / b", build, compare_output=compare_graph, function="Value",
          cases=[dict(c, stage="forward") for c in SINGLE_OPS]),
    Check("forward: numbers on either side (2 + a, a + 2, 1.0 − a, 3 · a, 2.0 / a, …)", build,
          compare_output=compare_graph, function="Value", cases=[dict(c, stage="forward") for c in NUMBERS]),
    Check("forward: tanh, exp, relu, and ** 2, 3, −1, 0.5, −0.5", build, compare_output=compare_graph,
          function="Value", cases=[dict(c, stage="forward") for c in UNARY]),
    Check("backward through each operation alone", build, compare_output=compare_graph, function="Value",
          cases=SINGLE_OPS + NUMBERS + UNARY),
    Check("backward: one Value used twice (a · a, a + a, a·b + a)", build, compare_output=compare_graph,
          function="Value", cases=USED_TWICE),
    # The fixed graphs come first: each tells the two classic mistakes apart, so a failure is named
    # there; a small random graph may not (both mistakes can give the same numbers on it).
    Check("backward: shared sub-expressions, then random expression graphs", build, compare_output=compare_graph,
          function="Value", cases=SHARED + [{"leaves": 3, "ops": 12}, {"leaves": 2, "ops": 20}], strategy=graphs(),
          max_examples=25),
    Check("backward: a chain of 800 tanh steps sharing w and b (2,403 nodes)", build,
          compare_output=compare_graph, function="Value", cases=[{"chain": 800}]),
]
