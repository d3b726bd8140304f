"""Checks for residual_block: the oracle is torchvision's resnet.BasicBlock, given a 1×1-conv +
BatchNorm2d projection (downsample) when the stride or the channel count changes — exactly how
torchvision's ResNet builds it. The harness builds the learner's block in the sandbox, loads the
oracle-shaped random state_dict sent from here, and runs it in training and evaluation mode."""
import math

import torch
import torch.nn as nn
from hypothesis import strategies as st
from torchvision.models.resnet import BasicBlock, conv1x1

from tutor.content.check_phrases import Phrases
from tutor.grading.compare import compare
from tutor.grading.spec import Call, Check

say = Phrases(__file__)


class ORACLE:
    @staticmethod
    def basic_block(in_channels, out_channels, stride=1):
        downsample = None
        if stride != 1 or in_channels != out_channels:
            downsample = nn.Sequential(conv1x1(in_channels, out_channels, stride), nn.BatchNorm2d(out_channels))
        return BasicBlock(in_channels, out_channels, stride, downsample)


def random_state(in_channels: int, out_channels: int, stride: int, gen: torch.Generator, dtype) -> dict:
    """A state_dict of BasicBlock's shapes with random values: weights at a fan-in scale, BN scales and
    shifts away from 1 and 0, running statistics that differ from any batch's."""
    state = {}
    for key, value in ORACLE.basic_block(in_channels, out_channels, stride).state_dict().items():
        shape = tuple(value.shape)
        if key.endswith("num_batches_tracked"):
            state[key] = torch.tensor(int(torch.randint(0, 100, (), generator=gen)))
        elif key.endswith("running_var"):
            state[key] = torch.rand(shape, generator=gen, dtype=dtype) + 0.5
        elif key.endswith("running_mean") or key.endswith("bias"):
            state[key] = torch.randn(shape, generator=gen, dtype=dtype) * 0.5
        elif value.dim() == 1:  # a BN weight
            state[key] = torch.rand(shape, generator=gen, dtype=dtype) + 0.5
        else:  # a conv weight
            fan_in = math.prod(shape[1:])
            state[key] = torch.randn(shape, generator=gen, dtype=dtype) * math.sqrt(2.0 / fan_in)
    return state


def _dtype(p: dict):
    return torch.float32 if p.get("dtype") == "float32" else torch.float64


def _block_args(p: dict) -> tuple:
    return p["cin"], p["cout"], p.get("stride", 1)


def describe(p: dict) -> dict:
    cin, cout, stride = _block_args(p)
    return {"block": f"basic_block({cin}, {cout}, stride={stride})"}


def build_shapes(p: dict, gen) -> Call:
    return Call("state_shapes", _block_args(p), harness=True, describe=describe(p))


def build_forward(p: dict, gen) -> Call:
    cin, cout, stride = _block_args(p)
    dtype = _dtype(p)
    state = random_state(cin, cout, stride, gen, dtype)
    x = torch.randn(p.get("n", 2), cin, p["size"], p["size"], generator=gen, dtype=dtype)
    mode = say("training (batch statistics)") if p["train"] else say("evaluation (running statistics)")
    return Call("forward", (cin, cout, stride, state, x, p["train"]), harness=True, grad_wrt=(4,),
                describe={**describe(p), "x": f"({p.get('n', 2)}, {cin}, {p['size']}, {p['size']})",
                          "mode": mode,
                          "note": say("the same random state_dict loaded into both blocks")})


def build_buffers(p: dict, gen) -> Call:
    cin, cout, stride = _block_args(p)
    state = random_state(cin, cout, stride, gen, torch.float64)
    x = torch.randn(p.get("n", 2), cin, p["size"], p["size"], generator=gen, dtype=torch.float64)
    return Call("buffers_after_training_step", (cin, cout, stride, state, x), harness=True, describe=describe(p))


def _shape(s) -> str:
    return "(" + ", ".join(str(v) for v in s) + ("," if len(s) == 1 else "") + ")"


def compare_shapes(expected: dict, got) -> str | None:
    if not isinstance(got, dict):
        return say("expected the block's state_dict shapes, got {kind}", kind=type(got).__name__)
    missing = [k for k in expected if k not in got]
    extra = [k for k in got if k not in expected]
    wrong = [k for k in expected if k in got and list(got[k]) != list(expected[k])]
    if not (missing or extra or wrong):
        return None
    lines = [say("your block's state_dict does not match BasicBlock's:")]
    if missing:
        lines.append(say("missing: {keys}", keys=", ".join(f"{k} {_shape(expected[k])}" for k in missing)))
    if extra:
        lines.append(say("not in BasicBlock: {keys}", keys=", ".join(f"{k} {_shape(got[k])}" for k in extra)))
    for k in wrong:
        lines.append(say("{key}: expected shape {expected}, got {got}", key=k, expected=_shape(expected[k]),
                         got=_shape(got[k])))
    return "\n".join(lines)


def compare_forward(expected, got) -> str | None:
    mismatch = compare(expected, got, path=say("the block's output"))
    return mismatch.message if mismatch else None


def diagnose(call: Call, got, expected) -> str | None:
    """Recognise a missing projection or conv biases from the state_dict keys."""
    if call.fn != "state_shapes" or not isinstance(got, dict) or not isinstance(expected, dict):
        return None
    if any(k.startswith("downsample.") for k in expected) and not any(k.startswith("downsample.") for k in got):
        return "no_projection_shortcut"
    if any(k.endswith(".bias") and k.startswith(("conv", "downsample.0")) for k in got):
        return "conv_bias_before_batch_norm"
    return None


@st.composite
def blocks(draw):
    cin, stride = draw(st.integers(1, 6)), draw(st.sampled_from([1, 2]))
    cout = draw(st.sampled_from([cin, cin * 2, draw(st.integers(1, 6))]))
    return {"cin": cin, "cout": cout, "stride": stride, "size": draw(st.integers(3, 7)), "n": draw(st.integers(2, 3)),
            "train": draw(st.booleans())}


CONFIGS = [{"cin": 4, "cout": 4, "stride": 1}, {"cin": 4, "cout": 8, "stride": 2},
           {"cin": 4, "cout": 4, "stride": 2}, {"cin": 3, "cout": 6, "stride": 1}]

CHECKS = [
    Check("state_dict keys and shapes equal BasicBlock's (with and without a projection)", build_shapes,
          function="basic_block", cases=CONFIGS, compare_output=compare_shapes),
    Check("evaluation mode, same channels, stride 1: the identity shortcut", build_forward, function="basic_block",
          cases=[{"cin": 4, "cout": 4, "stride": 1, "size": 5, "train": False}], compare_output=compare_forward),
    Check("evaluation mode with a projection (channels 4 -> 8, stride 2)", build_forward, function="basic_block",
          cases=[{"cin": 4, "cout": 8, "stride": 2, "size": 6, "train": False},
                 {"cin": 3, "cout": 3, "stride": 2, "size": 7, "train": False},
                 {"cin": 3, "cout": 5, "stride": 1, "size": 4, "train": False}], compare_output=compare_forward),
    Check("training mode: batch statistics in every BatchNorm", build_forward, function="basic_block",
          cases=[{"cin": 4, "cout": 4, "stride": 1, "size": 5, "train": True},
                 {"cin": 4, "cout": 8, "stride": 2, "size": 6, "n": 3, "train": True}], compare_output=compare_forward),
    Check("the running statistics after one training step", build_buffers, function="basic_block",
          cases=[{"cin": 3, "cout": 6, "stride": 2, "size": 5}]),
    Check("random channels, strides, sizes and modes", build_forward, function="basic_block", strategy=blocks(),
          max_examples=12, compare_output=compare_forward),
    Check("float32 (the default dtype)", build_forward, function="basic_block",
          cases=[{"cin": 4, "cout": 8, "stride": 2, "size": 6, "train": True, "dtype": "float32"}],
          compare_output=compare_forward),
    Check("the gradient with respect to the input flows through both paths", build_forward, function="basic_block",
          grad=True, cases=[{"cin": 3, "cout": 3, "stride": 1, "size": 4, "train": True},
                            {"cin": 3, "cout": 6, "stride": 2, "size": 5, "train": False}]),
]
