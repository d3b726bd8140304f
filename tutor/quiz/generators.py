"""Generated questions: fresh numbers every time, answers from the formulas in pure Python.

Each generator takes a `random.Random` and returns a `Generated`: the prompt, the answer, a
worked explanation built from the same numbers, and two ways to check the answer against
PyTorch — `spec` (the layer's constructor arguments and input shapes, which the tests use to
build the layer themselves) and `verify` (a one-line expression the learner can paste into
Python, which the explanation shows). Nothing here imports torch.
"""
from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from tutor.quiz import generators_diffusion


@dataclass(frozen=True)
class Generated:
    kind: str                      # 'shape' or 'numeric'
    prompt: str
    answer: object                 # tuple[int, ...] for shapes, int for counts
    explanation: str
    verify: str                    # a PyTorch expression whose value is the answer
    spec: dict = field(default_factory=dict)
    tolerance: float = 0           # absolute; above 0 for answers asked to a few decimals


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


def _side_working(label: str, size: int, kernel: int, stride: int, padding: int, dilation: int | None) -> str:
    """One side worked out with the learner's numbers; `dilation=None` for pooling's shorter formula."""
    span = kernel if dilation is None else dilation * (kernel - 1) + 1
    top = size + 2 * padding - span
    written = (f"{size} + 2·{padding} − {kernel}" if dilation is None
               else f"{size} + 2·{padding} − {dilation}·({kernel} − 1) − 1")
    line = (f"{label}: floor(({written}) / {stride}) + 1 = floor({top}/{stride}) + 1"
            f" = {top // stride} + 1 = {top // stride + 1}")
    left = top % stride
    if left:
        what = "row" if label == "Height" else "column"
        tail = f"last {what} of the padded input is" if left == 1 else f"last {left} {what}s of the padded input are"
        line += f"  (the floor drops a remainder of {left}: the {tail} never covered)"
    return line


# -- convolution and pooling shapes ----------------------------------------------------------

def conv_output_shape(rng: random.Random) -> Generated:
    while True:
        in_channels = rng.choice([1, 3, 3, 8, 16])
        out_channels = rng.choice([4, 6, 8, 16, 32])
        if rng.random() < 0.2:
            kernel = (rng.choice([1, 3, 5]), rng.choice([1, 3, 5]))
        else:
            k = rng.choice([1, 3, 3, 5, 5, 7])
            kernel = (k, k)
        stride = rng.choice([1, 1, 2, 2, 3])
        padding = rng.choice([0, 0, max(kernel) // 2, rng.randint(0, 3)])
        dilation = 2 if rng.random() < 0.2 else 1
        height = rng.randint(5, 64)
        width = height if rng.random() < 0.7 else rng.randint(5, 64)
        out_h = _side(height, kernel[0], stride, padding, dilation)
        out_w = _side(width, kernel[1], stride, padding, dilation)
        if out_h >= 1 and out_w >= 1:
            break
    kernel_arg = kernel[0] if kernel[0] == kernel[1] else kernel
    defaults = {"stride": 1, "padding": 0, "dilation": 1}
    chosen = {"stride": stride, "padding": padding, "dilation": dilation}
    kwargs = {k: v for k, v in chosen.items() if v != defaults[k]}
    layer = _call("Conv2d", [in_channels, out_channels, kernel_arg], kwargs)
    shape_in = (in_channels, height, width)
    answer = (out_channels, out_h, out_w)
    verify = f"tuple({layer}({_zeros((1,) + shape_in)}).shape[1:])"
    lines = [
        f"Channels: one output channel per filter, so {out_channels} (the {in_channels} input channels are summed inside each filter).",
        "Each side: floor((size + 2·padding − dilation·(kernel − 1) − 1) / stride) + 1.",
        _side_working("Height", height, kernel[0], stride, padding, dilation),
    ]
    if (width, kernel[1]) == (height, kernel[0]):
        lines.append(f"Width: the same numbers, so {out_w}.")
    else:
        lines.append(_side_working("Width", width, kernel[1], stride, padding, dilation))
    lines.append(f"Output: {_dims(answer)}.  Check it: {verify}")
    return Generated(
        kind="shape",
        prompt=f"{layer} is applied to one {_dims(shape_in)} image (C×H×W). What is the output shape (C×H×W)?",
        answer=answer, explanation="\n".join(lines), verify=verify,
        spec={"layer": "Conv2d", "kwargs": {"in_channels": in_channels, "out_channels": out_channels,
                                            "kernel_size": kernel, "stride": stride, "padding": padding,
                                            "dilation": dilation},
              "input": shape_in},
    )


def pool_output_shape(rng: random.Random) -> Generated:
    while True:
        name = rng.choice(["MaxPool2d", "AvgPool2d"])
        kernel = rng.choice([2, 2, 3, 3, 4])
        stride = rng.choice([None, None, 1, 2, 3])
        padding = rng.randint(1, kernel // 2) if rng.random() < 0.3 else 0
        channels = rng.choice([3, 6, 16, 32])
        height = rng.randint(4, 40)
        width = height if rng.random() < 0.7 else rng.randint(4, 40)
        step = stride or kernel
        if height + 2 * padding >= kernel and width + 2 * padding >= kernel:
            break
    out_h, out_w = _side(height, kernel, step, padding, 1), _side(width, kernel, step, padding, 1)
    kwargs = {}
    if stride is not None:
        kwargs["stride"] = stride
    if padding:
        kwargs["padding"] = padding
    layer = _call(name, [kernel], kwargs)
    shape_in = (channels, height, width)
    answer = (channels, out_h, out_w)
    verify = f"tuple({layer}({_zeros((1,) + shape_in)}).shape[1:])"
    stride_note = (f"No stride is given, so it defaults to the kernel size: {kernel}." if stride is None
                   else f"Stride {stride}.")
    lines = [
        f"Pooling works on each channel separately and has no weights: the {channels} channels stay {channels}.",
        stride_note,
        "Each side: floor((size + 2·padding − kernel) / stride) + 1.",
        _side_working("Height", height, kernel, step, padding, None),
        f"Width: the same numbers, so {out_w}." if width == height else _side_working("Width", width, kernel, step, padding, None),
        f"Output: {_dims(answer)}.  Check it: {verify}",
    ]
    return Generated(
        kind="shape",
        prompt=f"{layer} is applied to a {_dims(shape_in)} feature map (C×H×W). What is the output shape (C×H×W)?",
        answer=answer, explanation="\n".join(lines), verify=verify,
        spec={"layer": name, "kwargs": {"kernel_size": kernel, "stride": stride, "padding": padding},
              "input": shape_in},
    )


# -- parameter counts and recurrent weight shapes --------------------------------------------

RECURRENT_GATES = {"RNN": 1, "GRU": 3, "LSTM": 4}
GATE_NAMES = {"RNN": "one tanh update", "GRU": "3 gates (r, z, n)", "LSTM": "4 gates (i, f, g, o)"}


def _count(n: int) -> str:
    return f"{n:,}"


def _recurrent_config(rng: random.Random) -> dict:
    return {
        "input_size": rng.choice([3, 8, 10, 16, 28, 32, 50, 64]),
        "hidden_size": rng.choice([4, 8, 16, 20, 32, 64, 100, 128]),
        "num_layers": 2 if rng.random() < 0.3 else 1,
        "bidirectional": rng.random() < 0.25,
        "bias": rng.random() >= 0.1,
    }


def _recurrent_kwargs(config: dict) -> dict:
    return {k: config[k] for k in ("num_layers", "bidirectional", "bias")
            if config[k] != {"num_layers": 1, "bidirectional": False, "bias": True}[k]}


def recurrent_param_count(name: str, input_size: int, hidden_size: int, num_layers: int = 1,
                          bidirectional: bool = False, bias: bool = True) -> int:
    """Parameters of nn.RNN/GRU/LSTM: per layer and direction g·H·(in + H) weights + 2·g·H biases."""
    gates, directions = RECURRENT_GATES[name], 2 if bidirectional else 1
    total = 0
    for layer in range(num_layers):
        layer_in = input_size if layer == 0 else hidden_size * directions
        total += directions * (gates * hidden_size * (layer_in + hidden_size) + (2 * gates * hidden_size if bias else 0))
    return total


def layer_param_count(rng: random.Random) -> Generated:
    name = rng.choice(["Linear", "Conv2d", "LSTM", "GRU", "RNN"])
    if name == "Linear":
        fan_in, fan_out = rng.choice([2, 10, 64, 84, 120, 256, 400, 784]), rng.choice([1, 10, 32, 84, 120, 128, 500])
        bias = rng.random() >= 0.2
        layer = _call(name, [fan_in, fan_out], {} if bias else {"bias": False})
        answer = fan_in * fan_out + (fan_out if bias else 0)
        lines = [f"The weight has shape (out, in) = ({fan_out}, {fan_in}): {fan_out} · {fan_in} = {_count(fan_in * fan_out)}."]
        lines.append(f"The bias adds one number per output: {fan_out}." if bias else "bias=False: no bias vector.")
        spec = {"layer": name, "kwargs": {"in_features": fan_in, "out_features": fan_out, "bias": bias}}
    elif name == "Conv2d":
        in_channels, out_channels = rng.choice([1, 3, 6, 16, 32, 64]), rng.choice([6, 8, 16, 32, 64, 128])
        k = rng.choice([1, 3, 3, 5, 7])
        bias = rng.random() >= 0.15
        layer = _call(name, [in_channels, out_channels, k], {} if bias else {"bias": False})
        weights = out_channels * in_channels * k * k
        answer = weights + (out_channels if bias else 0)
        lines = [f"The weight has shape (F, C, KH, KW) = ({out_channels}, {in_channels}, {k}, {k}): "
                 f"{out_channels} · {in_channels} · {k} · {k} = {_count(weights)}.",
                 f"The bias adds one number per filter: {out_channels}." if bias else "bias=False: no bias vector.",
                 "The image size never enters the count: the same filters slide over every position."]
        spec = {"layer": name, "kwargs": {"in_channels": in_channels, "out_channels": out_channels,
                                          "kernel_size": k, "bias": bias}}
    else:
        config = _recurrent_config(rng)
        layer = _call(name, [config["input_size"], config["hidden_size"]], _recurrent_kwargs(config))
        answer = recurrent_param_count(name, **config)
        lines = _recurrent_count_working(name, config)
        spec = {"layer": name, "kwargs": config}
    verify = f"sum(p.numel() for p in {layer}.parameters())"
    lines.append(f"Total: {_count(answer)}.  Check it: {verify}")
    return Generated(kind="numeric", prompt=f"How many parameters (weights and biases) does {layer} have?",
                     answer=answer, explanation="\n".join(lines), verify=verify, spec=spec)


def _recurrent_count_working(name: str, config: dict) -> list[str]:
    gates, hidden = RECURRENT_GATES[name], config["hidden_size"]
    directions = 2 if config["bidirectional"] else 1
    rows = gates * hidden
    lines = [f"nn.{name} has {GATE_NAMES[name]}; PyTorch stacks them, so each weight has {gates}·H = {rows} rows."
             if gates > 1 else f"nn.{name} has no gates (one tanh update): each weight has H = {rows} rows."]
    for layer in range(config["num_layers"]):
        layer_in = config["input_size"] if layer == 0 else hidden * directions
        source = "the input size" if layer == 0 else ("layer 0's output, both directions" if directions == 2 else "layer 0's output")
        per_direction = rows * layer_in + rows * hidden + (2 * rows if config["bias"] else 0)
        bias_text = f" + bias_ih_l{layer} and bias_hh_l{layer} ({rows} each)" if config["bias"] else " (bias=False: no biases)"
        line = (f"Layer {layer}: weight_ih_l{layer} ({rows}×{layer_in}, {layer_in} = {source}) + weight_hh_l{layer} "
                f"({rows}×{hidden}){bias_text} = {_count(per_direction)}")
        if directions == 2:
            line += f"; ×2 directions = {_count(2 * per_direction)}"
        lines.append(line + ".")
    return lines


def rnn_weight_shapes(rng: random.Random) -> Generated:
    name = rng.choice(["RNN", "GRU", "LSTM"])
    gates = RECURRENT_GATES[name]
    config = _recurrent_config(rng)
    config["bias"] = True
    hidden, inputs = config["hidden_size"], config["input_size"]
    rows = gates * hidden
    kind = rng.choice(["weight_ih", "weight_ih", "weight_hh", "bias_ih", "bias_hh"])
    if rng.random() < 0.3:
        module = name + "Cell"
        layer = _call(module, [inputs, hidden], {})
        parameter, layer_in, directions, depth = kind, inputs, 1, 0
        spec_kwargs = {"input_size": inputs, "hidden_size": hidden}
    else:
        module = name
        layer = _call(module, [inputs, hidden], _recurrent_kwargs(config))
        directions = 2 if config["bidirectional"] else 1
        depth = rng.randrange(config["num_layers"])
        reverse = "_reverse" if directions == 2 and rng.random() < 0.5 else ""
        parameter = f"{kind}_l{depth}{reverse}"
        layer_in = inputs if depth == 0 else hidden * directions
        spec_kwargs = dict(config)
    if kind == "weight_ih":
        answer = (rows, layer_in)
    elif kind == "weight_hh":
        answer = (rows, hidden)
    else:
        answer = (rows,)
    if name == "RNN":
        lines = [f"nn.{module} has no gates, just one tanh update, so every weight and bias has "
                 f"hidden_size = {rows} rows."]
    else:
        lines = [f"nn.{module} has {GATE_NAMES[name]}. PyTorch stacks the gates' weights along dim 0, "
                 f"so every weight and bias has {gates}·hidden_size = {gates}·{hidden} = {rows} rows."]
    if kind == "weight_ih":
        if depth == 0:
            lines.append(f"weight_ih multiplies the input x_t, so it has input_size = {inputs} columns.")
        else:
            lines.append(f"Layer {depth}'s input is layer {depth - 1}'s output: hidden_size"
                         + (f" × 2 directions = {layer_in}" if directions == 2 else f" = {layer_in}") + " columns.")
    elif kind == "weight_hh":
        lines.append(f"weight_hh multiplies the previous hidden state h_(t−1), so it has hidden_size = {hidden} columns.")
    else:
        lines.append("A bias is a vector: one number per row. (PyTorch keeps two, bias_ih and bias_hh, added together.)")
    if parameter.endswith("_reverse"):
        lines.append("The _reverse direction has its own weights of the same shape.")
    verify = f"tuple({layer}.{parameter}.shape)"
    lines.append(f"Shape: {_tuple(answer)}.  Check it: {verify}")
    return Generated(kind="shape", prompt=f"What is the shape of {layer}.{parameter}?",
                     answer=answer, explanation="\n".join(lines), verify=verify,
                     spec={"layer": module, "kwargs": spec_kwargs, "parameter": parameter})


# -- attention shapes ------------------------------------------------------------------------

def attention_output_shape(rng: random.Random) -> Generated:
    return (_sdpa_shape if rng.random() < 0.5 else _multihead_shape)(rng)


def _sdpa_shape(rng: random.Random) -> Generated:
    batch = rng.randint(1, 4)
    heads = rng.choice([None, 2, 4, 8])
    queries, keys = rng.randint(2, 12), rng.randint(2, 12)
    d_k = rng.choice([8, 16, 32, 64])
    d_v = d_k if rng.random() < 0.5 else rng.choice([8, 16, 32, 64])
    lead = (batch,) if heads is None else (batch, heads)
    q, k, v = lead + (queries, d_k), lead + (keys, d_k), lead + (keys, d_v)
    ask = rng.choice(["output", "weights"])
    given = f"q has shape {_tuple(q)}, k has shape {_tuple(k)} and v has shape {_tuple(v)}"
    leading = "(batch)" if heads is None else "(batch, heads)"
    if ask == "output":
        answer = lead + (queries, d_v)
        prompt = f"{given}. What is the shape of F.scaled_dot_product_attention(q, k, v)?"
        verify = f"tuple(F.scaled_dot_product_attention({_zeros(q)}, {_zeros(k)}, {_zeros(v)}).shape)"
        lines = [f"The output has one row per query (L = {queries}), each a weighted average of value vectors of "
                 f"size d_v = {d_v}: (…, L, d_v). The number of keys (S = {keys}) disappears in the sum.",
                 f"The leading dimensions {leading} = {_tuple(lead)} are carried through."]
    else:
        answer = lead + (queries, keys)
        prompt = (f"{given}. What is the shape of the attention weights "
                  f"softmax(q @ k.transpose(-2, -1) / √{d_k}, dim=-1)?")
        verify = f"tuple(torch.softmax({_zeros(q)} @ {_zeros(k)}.transpose(-2, -1), dim=-1).shape)"
        lines = [f"There is one weight for every (query, key) pair: (…, L, S) = (…, {queries}, {keys}). "
                 f"q @ kᵀ multiplies (…, {queries}, {d_k}) by (…, {d_k}, {keys}); d_v = {d_v} plays no part.",
                 f"The leading dimensions {leading} = {_tuple(lead)} are carried through; each row sums to 1."]
    lines.append(f"Shape: {_tuple(answer)}.  Check it: {verify}")
    return Generated(kind="shape", prompt=prompt, answer=answer, explanation="\n".join(lines), verify=verify,
                     spec={"api": "sdpa", "q": q, "k": k, "v": v, "ask": ask})


def _multihead_shape(rng: random.Random) -> Generated:
    heads = rng.choice([1, 2, 4, 8])
    embed = heads * rng.choice([4, 8, 16])
    batch, queries, keys = rng.randint(1, 4), rng.randint(2, 12), rng.randint(2, 12)
    batch_first = rng.random() < 0.5
    average = rng.random() < 0.6
    ask = rng.choice(["output", "weights"])
    query = (batch, queries, embed) if batch_first else (queries, batch, embed)
    key = (batch, keys, embed) if batch_first else (keys, batch, embed)
    layer = _call("MultiheadAttention", [embed, heads], {"batch_first": True} if batch_first else {})
    call_kwargs = "" if average else ", average_attn_weights=False"
    layout = "(N, L, E)" if batch_first else "(L, N, E): batch_first is False, the default"
    prompt = (f"mha = {layer}; query has shape {_tuple(query)}, key and value have shape {_tuple(key)}. "
              f"out, weights = mha(query, key, value{call_kwargs}). What is the shape of {'out' if ask == 'output' else 'weights'}?")
    if ask == "output":
        answer = query
        lines = [f"The output has the query's layout {layout}: one embed_dim = {embed} vector per query "
                 "(the heads are concatenated and projected back to embed_dim).",
                 f"So out has the same shape as query: {_tuple(answer)}."]
        index = 0
    else:
        answer = (batch, queries, keys) if average else (batch, heads, queries, keys)
        lines = ["The weights have one entry per (query, key) pair, and are always batch-first, whatever batch_first says."]
        if average:
            lines.append(f"average_attn_weights=True (the default) averages over the {heads} head(s): (N, L, S).")
        else:
            lines.append("average_attn_weights=False keeps one matrix per head: (N, heads, L, S).")
        index = 1
    verify = (f"tuple({layer}({_zeros(query)}, {_zeros(key)}, {_zeros(key)}{call_kwargs})[{index}].shape)")
    lines.append(f"Shape: {_tuple(answer)}.  Check it: {verify}")
    return Generated(kind="shape", prompt=prompt, answer=answer, explanation="\n".join(lines), verify=verify,
                     spec={"api": "mha", "embed_dim": embed, "num_heads": heads, "batch_first": batch_first,
                           "average_attn_weights": average, "query": query, "key": key, "ask": ask})


from tutor.quiz import generators_backprop  # noqa: E402  (lesson 13; it imports this module lazily)

GENERATORS: dict[str, Callable[[random.Random], Generated]] = {
    "conv_output_shape": conv_output_shape,
    "pool_output_shape": pool_output_shape,
    "layer_param_count": layer_param_count,
    "rnn_weight_shapes": rnn_weight_shapes,
    "attention_output_shape": attention_output_shape,
    **generators_backprop.GENERATORS,
    **generators_diffusion.GENERATORS,
}
from tutor.quiz.generators_transformers import GENERATORS as _TRANSFORMERS  # noqa: E402  (it imports Generated from here)

GENERATORS.update(_TRANSFORMERS)
from tutor.quiz.generators_training import GENERATORS as _TRAINING  # noqa: E402  lesson 12

GENERATORS.update(_TRAINING)


def generate(name: str, seed: int) -> Generated:
    """The question `name` draws for this seed (the same seed always gives the same question)."""
    try:
        generator = GENERATORS[name]
    except KeyError:
        raise ValueError(f"unknown generator {name!r}; choose one of {', '.join(GENERATORS)}") from None
    return generator(random.Random(seed))
