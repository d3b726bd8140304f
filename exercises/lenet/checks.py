"""Checks for lenet: the oracle is the article's Net, written out below. The harness (harness.py)
builds the learner's network in the sandbox and returns its parameter shapes, or its output after
loading the weights sent from here — matched by shape, so the learner may name the layers freely."""
import torch
import torch.nn as nn

from tutor.content.check_phrases import Phrases
from tutor.grading.compare import compare
from tutor.grading.spec import Call, Check

say = Phrases(__file__)


class ArticleNet(nn.Module):
    """The source article's network, verbatim (the PyTorch CIFAR-10 tutorial)."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.pool(torch.relu(self.conv1(x)))
        x = self.pool(torch.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        x = torch.relu(self.fc1(x))
        x = torch.relu(self.fc2(x))
        return self.fc3(x)


class ORACLE:
    @staticmethod
    def build_net():
        return ArticleNet()


LAYER_OF_SHAPE = {
    (6, 3, 5, 5): "conv1.weight of Conv2d(3, 6, 5)", (6,): "conv1.bias",
    (16, 6, 5, 5): "conv2.weight of Conv2d(6, 16, 5)", (16,): "conv2.bias",
    (120, 400): "fc1.weight of Linear(400, 120)", (120,): "fc1.bias",
    (84, 120): "fc2.weight of Linear(120, 84)", (84,): "fc2.bias",
    (10, 84): "fc3.weight of Linear(84, 10)", (10,): "fc3.bias",
}


# harness.py's message for weights that do not fit (the sandbox says it in English; it is said here).
HARNESS_WEIGHTS_DO_NOT_FIT = "the article's weights do not fit your layers"


def _shape(s) -> str:
    return "(" + ", ".join(str(v) for v in s) + ("," if len(s) == 1 else "") + ")"


def shapes_message(expected: list, got: list) -> str | None:
    want = sorted(tuple(s) for s in expected)
    have = sorted(tuple(s) for s in got)
    if want == have:
        return None
    missing = [s for s in want if s not in have]
    extra = [s for s in have if s not in want]
    lines = [say("your network has {have} parameter tensors, the article's Net has {want} "
                 "(62,006 numbers; yours: {numbers:,})", have=len(have), want=len(want),
                 numbers=sum(_numel(s) for s in have))]
    if missing:
        named = [say("{shape} ({layer})", shape=_shape(s), layer=_layer(s)) for s in missing]
        lines.append(say("missing: {shapes}", shapes=say(", ").join(named)))
    if extra:
        lines.append(say("not in the article's Net: {shapes}", shapes=say(", ").join(_shape(s) for s in extra)))
    return "\n".join(lines)


def _layer(shape) -> str:
    """The article's parameter with this shape, "conv2.weight of Conv2d(6, 16, 5)" in the learner's words."""
    name = LAYER_OF_SHAPE.get(shape, "?")
    if " of " not in name:
        return name
    parameter, layer = name.split(" of ", 1)
    return say("{parameter} of {layer}", parameter=parameter, layer=layer)


def _numel(shape) -> int:
    n = 1
    for v in shape:
        n *= v
    return n


def _is_error(value) -> bool:
    return isinstance(value, (list, tuple)) and len(value) == 4 and value[0] == "error"


def compare_kind(expected, got):
    return None if got == expected else say("build_net() should return an nn.Module, got {got!r}", got=got)


def compare_shapes(expected, got):
    if not isinstance(got, list):
        return say("expected a list of parameter shapes, got {kind}", kind=type(got).__name__)
    return shapes_message(expected, got)


def compare_forward(expected, got):
    if _is_error(got):
        _, kind, message, shapes = got
        if kind == "shapes":
            heading = (say("the article's weights do not fit your layers:") if message == HARNESS_WEIGHTS_DO_NOT_FIT
                       else f"{message}:")
            return heading + "\n" + (shapes_message([list(s) for s in LAYER_OF_SHAPE], shapes) or "")
        return say("running your network on a batch raised {message}", message=message)
    mismatch = compare(expected, got, path=say("the network's output"))
    return mismatch.message if mismatch else None


def diagnose(call: Call, got, expected):
    """Recognise a wrong flattened size from the parameter shapes or from the error it causes."""
    shapes = None
    if call.fn == "layer_shapes" and isinstance(got, list):
        shapes = got
    elif call.fn == "forward" and _is_error(got):
        _, kind, message, shapes = got
        if kind == "exception" and any(text in message for text in (
                "mat1 and mat2 shapes cannot be multiplied", "is invalid for input of size", "size mismatch")):
            return "wrong_flatten_size"
    if shapes:
        # Convolutions right, but a Linear(?, 120) that does not take 400 features.
        tuples = [tuple(s) for s in shapes]
        convs_ok = (6, 3, 5, 5) in tuples and (16, 6, 5, 5) in tuples
        fc1 = [s for s in tuples if len(s) == 2 and s[0] == 120]
        if convs_ok and fc1 and fc1[0][1] != 400:
            return "wrong_flatten_size"
    return None


def article_weights(gen: torch.Generator, dtype: torch.dtype) -> list:
    """One random tensor per parameter of the article's Net, scaled like PyTorch's default init."""
    weights = []
    for shape in LAYER_OF_SHAPE:
        fan_in = _numel(shape[1:]) if len(shape) > 1 else None
        bound = 1.0 / (fan_in ** 0.5) if fan_in else 0.1
        weights.append((torch.rand(*shape, generator=gen, dtype=dtype) * 2 - 1) * bound)
    return weights


def build_kind(p: dict, gen: torch.Generator) -> Call:
    return Call("module_kind", harness=True)


def build_shapes(p: dict, gen: torch.Generator) -> Call:
    return Call("layer_shapes", harness=True)


def build_forward(p: dict, gen: torch.Generator) -> Call:
    dtype = torch.float32 if p.get("dtype") == "float32" else torch.float64
    # Fan-in scaled weights from a random seed, images in [−1, 1] like the article's Normalize(0.5, 0.5).
    weights = article_weights(gen, dtype)
    x = torch.rand(p["n"], 3, 32, 32, generator=gen, dtype=dtype) * 2 - 1
    return Call("forward", (weights, x), harness=True, describe={"images": f"({p['n']}, 3, 32, 32)"})


CHECKS = [
    Check("build_net() returns an nn.Module", build_kind, function="build_net", cases=[{}],
          compare_output=compare_kind),
    Check("the layers have the article's shapes (2 conv, 3 linear, 62,006 parameters)", build_shapes,
          function="build_net", cases=[{}], compare_output=compare_shapes),
    Check("forward on a batch of 32×32 images, same random weights loaded into both nets", build_forward,
          function="build_net", cases=[dict(n=2), dict(n=3)], compare_output=compare_forward),
    Check("forward on a single image", build_forward, function="build_net", cases=[dict(n=1)],
          compare_output=compare_forward),
    Check("float32 (the default dtype)", build_forward, function="build_net", cases=[dict(n=4, dtype="float32")],
          compare_output=compare_forward),
]
