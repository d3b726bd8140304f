"""Generated questions: fresh numbers every time, answers from the formulas in pure Python.

Each generator takes a `random.Random` (and the language, "en" or "zh") and returns a `Generated`:
the prompt, the answer, a worked explanation built from the same numbers, and two ways to check the answer against
PyTorch — `spec` (the layer's constructor arguments and input shapes, which the tests use to
build the layer themselves) and `verify` (a one-line expression the learner can paste into
Python, which the explanation shows). Nothing here imports torch.

The language only chooses the words: the numbers are drawn before any text is written, so a seed
gives the same question, answer and verify expression in English and in Chinese (`_t` builds both
sentences from the same values and keeps one).
"""
from __future__ import annotations

import random
from collections.abc import Callable

from tutor.quiz import generators_backprop, generators_diffusion, generators_training, generators_transformers
from tutor.quiz.generated import (  # noqa: F401  (Generated and count_prompt: re-exported)
    SIDE_ZH,
    Generated,
    _call,
    _check,
    _count,
    _dims,
    _no_bias,
    _same_width,
    _side,
    _side_working,
    _t,
    _tuple,
    _zeros,
    count_prompt,
)

# -- convolution and pooling shapes ----------------------------------------------------------

def conv_output_shape(rng: random.Random, lang: str = "en") -> Generated:
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
        _t(lang, f"Channels: one output channel per filter, so {out_channels} (the {in_channels} input channels "
                 "are summed inside each filter).",
           f"通道：每个卷积核产生一个输出通道，所以是 {out_channels}（{in_channels} 个输入通道在每个卷积核内部求和）。"),
        _t(lang, "Each side: floor((size + 2·padding − dilation·(kernel − 1) − 1) / stride) + 1.",
           "每条边：floor((size + 2·padding − dilation·(kernel − 1) − 1) / stride) + 1。"),
        _side_working("Height", height, kernel[0], stride, padding, dilation, lang),
    ]
    if (width, kernel[1]) == (height, kernel[0]):
        lines.append(_same_width(out_w, lang))
    else:
        lines.append(_side_working("Width", width, kernel[1], stride, padding, dilation, lang))
    lines.append(_t(lang, f"Output: {_dims(answer)}.  Check it: {verify}", f"输出：{_dims(answer)}。验证：{verify}"))
    return Generated(
        kind="shape",
        prompt=_t(lang, f"{layer} is applied to one {_dims(shape_in)} image (C×H×W). What is the output shape (C×H×W)?",
                  f"把 {layer} 作用于一张 {_dims(shape_in)} 的图像（C×H×W）。输出的形状（C×H×W）是什么？"),
        answer=answer, explanation="\n".join(lines), verify=verify,
        spec={"layer": "Conv2d", "kwargs": {"in_channels": in_channels, "out_channels": out_channels,
                                            "kernel_size": kernel, "stride": stride, "padding": padding,
                                            "dilation": dilation},
              "input": shape_in},
    )


def pool_output_shape(rng: random.Random, lang: str = "en") -> Generated:
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
    stride_note = (_t(lang, f"No stride is given, so it defaults to the kernel size: {kernel}.",
                      f"没有给出步幅，所以它默认等于窗口大小：{kernel}。") if stride is None
                   else _t(lang, f"Stride {stride}.", f"步幅为 {stride}。"))
    lines = [
        _t(lang, f"Pooling works on each channel separately and has no weights: the {channels} channels stay {channels}.",
           f"池化对每个通道分别计算，没有权重：{channels} 个通道仍是 {channels} 个。"),
        stride_note,
        _t(lang, "Each side: floor((size + 2·padding − kernel) / stride) + 1.",
           "每条边：floor((size + 2·padding − kernel) / stride) + 1。"),
        _side_working("Height", height, kernel, step, padding, None, lang),
        _same_width(out_w, lang) if width == height else _side_working("Width", width, kernel, step, padding, None, lang),
        _check("Output", "输出", _dims(answer), verify, lang),
    ]
    return Generated(
        kind="shape",
        prompt=_t(lang, f"{layer} is applied to a {_dims(shape_in)} feature map (C×H×W). What is the output shape (C×H×W)?",
                  f"把 {layer} 作用于一个 {_dims(shape_in)} 的特征图（C×H×W）。输出的形状（C×H×W）是什么？"),
        answer=answer, explanation="\n".join(lines), verify=verify,
        spec={"layer": name, "kwargs": {"kernel_size": kernel, "stride": stride, "padding": padding},
              "input": shape_in},
    )


# -- parameter counts and recurrent weight shapes --------------------------------------------

RECURRENT_GATES = {"RNN": 1, "GRU": 3, "LSTM": 4}
GATE_NAMES = {"RNN": "one tanh update", "GRU": "3 gates (r, z, n)", "LSTM": "4 gates (i, f, g, o)"}
GATE_NAMES_ZH = {"RNN": "一个 tanh 更新", "GRU": "3 个门（r、z、n）", "LSTM": "4 个门（i、f、g、o）"}


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


def layer_param_count(rng: random.Random, lang: str = "en") -> Generated:
    name = rng.choice(["Linear", "Conv2d", "LSTM", "GRU", "RNN"])
    if name == "Linear":
        fan_in, fan_out = rng.choice([2, 10, 64, 84, 120, 256, 400, 784]), rng.choice([1, 10, 32, 84, 120, 128, 500])
        bias = rng.random() >= 0.2
        layer = _call(name, [fan_in, fan_out], {} if bias else {"bias": False})
        answer = fan_in * fan_out + (fan_out if bias else 0)
        product = f"({fan_out}, {fan_in}): {fan_out} · {fan_in} = {_count(fan_in * fan_out)}"
        lines = [_t(lang, f"The weight has shape (out, in) = {product}.",
                    f"权重的形状是 (out, in) = {product.replace(': ', '：', 1)}。")]
        lines.append(_t(lang, f"The bias adds one number per output: {fan_out}.", f"偏置为每个输出加一个数：{fan_out}。")
                     if bias else _no_bias(lang))
        spec = {"layer": name, "kwargs": {"in_features": fan_in, "out_features": fan_out, "bias": bias}}
    elif name == "Conv2d":
        in_channels, out_channels = rng.choice([1, 3, 6, 16, 32, 64]), rng.choice([6, 8, 16, 32, 64, 128])
        k = rng.choice([1, 3, 3, 5, 7])
        bias = rng.random() >= 0.15
        layer = _call(name, [in_channels, out_channels, k], {} if bias else {"bias": False})
        weights = out_channels * in_channels * k * k
        answer = weights + (out_channels if bias else 0)
        weight_product = (f"({out_channels}, {in_channels}, {k}, {k})", f"{out_channels} · {in_channels} · {k} · {k} = {_count(weights)}")
        lines = [_t(lang, f"The weight has shape (F, C, KH, KW) = {weight_product[0]}: {weight_product[1]}.",
                    f"权重的形状是 (F, C, KH, KW) = {weight_product[0]}：{weight_product[1]}。"),
                 _t(lang, f"The bias adds one number per filter: {out_channels}.", f"偏置为每个卷积核加一个数：{out_channels}。")
                 if bias else _no_bias(lang),
                 _t(lang, "The image size never enters the count: the same filters slide over every position.",
                    "图像尺寸不影响参数量：同一组卷积核在每个位置上滑动。")]
        spec = {"layer": name, "kwargs": {"in_channels": in_channels, "out_channels": out_channels,
                                          "kernel_size": k, "bias": bias}}
    else:
        config = _recurrent_config(rng)
        layer = _call(name, [config["input_size"], config["hidden_size"]], _recurrent_kwargs(config))
        answer = recurrent_param_count(name, **config)
        lines = _recurrent_count_working(name, config, lang)
        spec = {"layer": name, "kwargs": config}
    verify = f"sum(p.numel() for p in {layer}.parameters())"
    lines.append(_check("Total", "合计", _count(answer), verify, lang))
    return Generated(kind="numeric", prompt=count_prompt(layer, lang),
                     answer=answer, explanation="\n".join(lines), verify=verify, spec=spec)


def _recurrent_count_working(name: str, config: dict, lang: str = "en") -> list[str]:
    gates, hidden = RECURRENT_GATES[name], config["hidden_size"]
    directions = 2 if config["bidirectional"] else 1
    rows = gates * hidden
    if gates > 1:
        lines = [_t(lang, f"nn.{name} has {GATE_NAMES[name]}; PyTorch stacks them, so each weight has {gates}·H = {rows} rows.",
                    f"nn.{name} 有 {GATE_NAMES_ZH[name]}；PyTorch 把它们堆叠在一起，所以每个权重有 {gates}·H = {rows} 行。")]
    else:
        lines = [_t(lang, f"nn.{name} has no gates (one tanh update): each weight has H = {rows} rows.",
                    f"nn.{name} 没有门（只有一个 tanh 更新）：每个权重有 H = {rows} 行。")]
    for layer in range(config["num_layers"]):
        layer_in = config["input_size"] if layer == 0 else hidden * directions
        if layer == 0:
            source = _t(lang, "the input size", "输入大小")
        elif directions == 2:
            source = _t(lang, "layer 0's output, both directions", "第 0 层的输出，两个方向")
        else:
            source = _t(lang, "layer 0's output", "第 0 层的输出")
        per_direction = rows * layer_in + rows * hidden + (2 * rows if config["bias"] else 0)
        if config["bias"]:
            bias_text = _t(lang, f" + bias_ih_l{layer} and bias_hh_l{layer} ({rows} each)",
                           f"+ bias_ih_l{layer} 和 bias_hh_l{layer}（各 {rows}）")
        else:
            bias_text = _t(lang, " (bias=False: no biases)", "（bias=False：没有偏置）")
        line = _t(lang, f"Layer {layer}: weight_ih_l{layer} ({rows}×{layer_in}, {layer_in} = {source}) + weight_hh_l{layer} "
                        f"({rows}×{hidden}){bias_text} = {_count(per_direction)}",
                  f"第 {layer} 层：weight_ih_l{layer}（{rows}×{layer_in}，{layer_in} = {source}）+ weight_hh_l{layer}"
                  f"（{rows}×{hidden}）{bias_text} = {_count(per_direction)}")
        if directions == 2:
            line += _t(lang, f"; ×2 directions = {_count(2 * per_direction)}", f"；×2 个方向 = {_count(2 * per_direction)}")
        lines.append(line + _t(lang, ".", "。"))
    return lines


def rnn_weight_shapes(rng: random.Random, lang: str = "en") -> Generated:
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
        answer: tuple[int, ...] = (rows, layer_in)
    elif kind == "weight_hh":
        answer = (rows, hidden)
    else:
        answer = (rows,)
    if name == "RNN":
        lines = [_t(lang, f"nn.{module} has no gates, just one tanh update, so every weight and bias has "
                          f"hidden_size = {rows} rows.",
                    f"nn.{module} 没有门，只有一个 tanh 更新，所以每个权重和偏置都有 hidden_size = {rows} 行。")]
    else:
        lines = [_t(lang, f"nn.{module} has {GATE_NAMES[name]}. PyTorch stacks the gates' weights along dim 0, "
                          f"so every weight and bias has {gates}·hidden_size = {gates}·{hidden} = {rows} rows.",
                    f"nn.{module} 有 {GATE_NAMES_ZH[name]}。PyTorch 把各个门的权重沿第 0 维堆叠，"
                    f"所以每个权重和偏置都有 {gates}·hidden_size = {gates}·{hidden} = {rows} 行。")]
    if kind == "weight_ih":
        if depth == 0:
            lines.append(_t(lang, f"weight_ih multiplies the input x_t, so it has input_size = {inputs} columns.",
                            f"weight_ih 乘的是输入 x_t，所以它有 input_size = {inputs} 列。"))
        else:
            width = f" × 2 directions = {layer_in}" if directions == 2 else f" = {layer_in}"
            width_zh = f" × 2 个方向 = {layer_in}" if directions == 2 else f" = {layer_in}"
            lines.append(_t(lang, f"Layer {depth}'s input is layer {depth - 1}'s output: hidden_size{width} columns.",
                            f"第 {depth} 层的输入是第 {depth - 1} 层的输出：hidden_size{width_zh} 列。"))
    elif kind == "weight_hh":
        lines.append(_t(lang, f"weight_hh multiplies the previous hidden state h_(t−1), so it has hidden_size = {hidden} columns.",
                        f"weight_hh 乘的是上一步的隐状态 h_(t−1)，所以它有 hidden_size = {hidden} 列。"))
    else:
        lines.append(_t(lang, "A bias is a vector: one number per row. (PyTorch keeps two, bias_ih and bias_hh, added together.)",
                        "偏置是一个向量：每行一个数。（PyTorch 保存两个偏置 bias_ih 和 bias_hh，二者相加。）"))
    if parameter.endswith("_reverse"):
        lines.append(_t(lang, "The _reverse direction has its own weights of the same shape.",
                        "_reverse 方向有自己的一套权重，形状相同。"))
    verify = f"tuple({layer}.{parameter}.shape)"
    lines.append(_check("Shape", "形状", _tuple(answer), verify, lang))
    return Generated(kind="shape", prompt=_t(lang, f"What is the shape of {layer}.{parameter}?",
                                             f"{layer}.{parameter} 的形状是什么？"),
                     answer=answer, explanation="\n".join(lines), verify=verify,
                     spec={"layer": module, "kwargs": spec_kwargs, "parameter": parameter})


# -- attention shapes ------------------------------------------------------------------------

def attention_output_shape(rng: random.Random, lang: str = "en") -> Generated:
    return (_sdpa_shape if rng.random() < 0.5 else _multihead_shape)(rng, lang)


def _sdpa_shape(rng: random.Random, lang: str = "en") -> Generated:
    batch = rng.randint(1, 4)
    heads = rng.choice([None, 2, 4, 8])
    queries, keys = rng.randint(2, 12), rng.randint(2, 12)
    d_k = rng.choice([8, 16, 32, 64])
    d_v = d_k if rng.random() < 0.5 else rng.choice([8, 16, 32, 64])
    lead = (batch,) if heads is None else (batch, heads)
    q, k, v = lead + (queries, d_k), lead + (keys, d_k), lead + (keys, d_v)
    ask = rng.choice(["output", "weights"])
    given = _t(lang, f"q has shape {_tuple(q)}, k has shape {_tuple(k)} and v has shape {_tuple(v)}. ",
               f"q 的形状是 {_tuple(q)}，k 的形状是 {_tuple(k)}，v 的形状是 {_tuple(v)}。")
    leading = "(batch)" if heads is None else "(batch, heads)"
    carried = _t(lang, f"The leading dimensions {leading} = {_tuple(lead)} are carried through",
                 f"前面的维度 {leading} = {_tuple(lead)} 原样保留")
    if ask == "output":
        answer = lead + (queries, d_v)
        prompt = given + _t(lang, "What is the shape of F.scaled_dot_product_attention(q, k, v)?",
                            "F.scaled_dot_product_attention(q, k, v) 的形状是什么？")
        verify = f"tuple(F.scaled_dot_product_attention({_zeros(q)}, {_zeros(k)}, {_zeros(v)}).shape)"
        lines = [_t(lang, f"The output has one row per query (L = {queries}), each a weighted average of value vectors of "
                          f"size d_v = {d_v}: (…, L, d_v). The number of keys (S = {keys}) disappears in the sum.",
                    f"输出为每个查询给出一行（L = {queries}），每行是大小为 d_v = {d_v} 的值向量的加权平均："
                    f"(…, L, d_v)。键的个数（S = {keys}）在求和中消失了。"),
                 carried + _t(lang, ".", "。")]
    else:
        answer = lead + (queries, keys)
        prompt = given + _t(lang, f"What is the shape of the attention weights softmax(q @ k.transpose(-2, -1) / √{d_k}, dim=-1)?",
                            f"注意力权重 softmax(q @ k.transpose(-2, -1) / √{d_k}, dim=-1) 的形状是什么？")
        verify = f"tuple(torch.softmax({_zeros(q)} @ {_zeros(k)}.transpose(-2, -1), dim=-1).shape)"
        lines = [_t(lang, f"There is one weight for every (query, key) pair: (…, L, S) = (…, {queries}, {keys}). "
                          f"q @ kᵀ multiplies (…, {queries}, {d_k}) by (…, {d_k}, {keys}); d_v = {d_v} plays no part.",
                    f"每个（查询，键）对有一个权重：(…, L, S) = (…, {queries}, {keys})。"
                    f"q @ kᵀ 把 (…, {queries}, {d_k}) 乘以 (…, {d_k}, {keys})；d_v = {d_v} 不起作用。"),
                 carried + _t(lang, "; each row sums to 1.", "；每一行的和为 1。")]
    lines.append(_check("Shape", "形状", _tuple(answer), verify, lang))
    return Generated(kind="shape", prompt=prompt, answer=answer, explanation="\n".join(lines), verify=verify,
                     spec={"api": "sdpa", "q": q, "k": k, "v": v, "ask": ask})


def _multihead_shape(rng: random.Random, lang: str = "en") -> Generated:
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
    layout = "(N, L, E)" if batch_first else _t(lang, "(L, N, E): batch_first is False, the default",
                                                   "(L, N, E)（batch_first 默认为 False）")
    asked = "out" if ask == "output" else "weights"
    prompt = _t(lang, f"mha = {layer}; query has shape {_tuple(query)}, key and value have shape {_tuple(key)}. "
                      f"out, weights = mha(query, key, value{call_kwargs}). What is the shape of {asked}?",
                f"mha = {layer}；query 的形状是 {_tuple(query)}，key 和 value 的形状是 {_tuple(key)}。"
                f"out, weights = mha(query, key, value{call_kwargs})。{asked} 的形状是什么？")
    if ask == "output":
        answer: tuple[int, ...] = query
        lines = [_t(lang, f"The output has the query's layout {layout}: one embed_dim = {embed} vector per query "
                          "(the heads are concatenated and projected back to embed_dim).",
                    f"输出沿用 query 的布局 {layout}：每个查询一个 embed_dim = {embed} 的向量"
                    "（各个头的结果拼接后再投影回 embed_dim）。"),
                 _t(lang, f"So out has the same shape as query: {_tuple(answer)}.",
                    f"所以 out 的形状与 query 相同：{_tuple(answer)}。")]
        index = 0
    else:
        answer = (batch, queries, keys) if average else (batch, heads, queries, keys)
        lines = [_t(lang, "The weights have one entry per (query, key) pair, and are always batch-first, whatever "
                          "batch_first says.",
                    "权重为每个（查询，键）对给出一个值，而且无论 batch_first 怎么设，批量维总在最前面。")]
        if average:
            lines.append(_t(lang, f"average_attn_weights=True (the default) averages over the {heads} head(s): (N, L, S).",
                            f"average_attn_weights=True（默认）会在 {heads} 个头上取平均：(N, L, S)。"))
        else:
            lines.append(_t(lang, "average_attn_weights=False keeps one matrix per head: (N, heads, L, S).",
                            "average_attn_weights=False 为每个头保留一个矩阵：(N, heads, L, S)。"))
        index = 1
    verify = (f"tuple({layer}({_zeros(query)}, {_zeros(key)}, {_zeros(key)}{call_kwargs})[{index}].shape)")
    lines.append(_check("Shape", "形状", _tuple(answer), verify, lang))
    return Generated(kind="shape", prompt=prompt, answer=answer, explanation="\n".join(lines), verify=verify,
                     spec={"api": "mha", "embed_dim": embed, "num_heads": heads, "batch_first": batch_first,
                           "average_attn_weights": average, "query": query, "key": key, "ask": ask})



GENERATORS: dict[str, Callable[[random.Random, str], Generated]] = {
    "conv_output_shape": conv_output_shape,
    "pool_output_shape": pool_output_shape,
    "layer_param_count": layer_param_count,
    "rnn_weight_shapes": rnn_weight_shapes,
    "attention_output_shape": attention_output_shape,
    **generators_backprop.GENERATORS,
    **generators_diffusion.GENERATORS,
}

GENERATORS.update(generators_transformers.GENERATORS)

GENERATORS.update(generators_training.GENERATORS)


def generate(name: str, seed: int, lang: str | None = None) -> Generated:
    """The question `name` draws for this seed (the same seed always gives the same question), in
    `lang` (default: the language in force); the numbers, answer and verify never depend on it."""
    try:
        generator = GENERATORS[name]
    except KeyError:
        raise ValueError(f"unknown generator {name!r}; choose one of {', '.join(GENERATORS)}") from None
    if lang is None:
        from tutor.i18n.lang import current_language

        lang = current_language()
    return generator(random.Random(seed), lang)
