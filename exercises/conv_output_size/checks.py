"""Checks for conv_output_size: the oracle runs a real F.conv1d on zeros and measures its output."""
import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from tutor.grading.spec import Call, Check


class ORACLE:
    @staticmethod
    def conv_output_size(size, kernel_size, stride=1, padding=0, dilation=1):
        x = torch.zeros(1, 1, size)
        weight = torch.zeros(1, 1, kernel_size)
        return int(F.conv1d(x, weight, stride=stride, padding=padding, dilation=dilation).shape[-1])


def build(p: dict, gen) -> Call:
    return Call("conv_output_size", (p["size"], p["kernel_size"]),
                {"stride": p.get("stride", 1), "padding": p.get("padding", 0), "dilation": p.get("dilation", 1)})


@st.composite
def settings(draw):
    kernel_size, dilation = draw(st.integers(1, 7)), draw(st.integers(1, 3))
    padding = draw(st.integers(0, 3))
    span = dilation * (kernel_size - 1) + 1
    size = draw(st.integers(max(1, span - 2 * padding), 40))
    return {"size": size, "kernel_size": kernel_size, "stride": draw(st.integers(1, 4)), "padding": padding,
            "dilation": dilation}


def diagnose(call: Call, got, expected):
    """A float where an int belongs comes from true division, even when the value happens to be whole."""
    if isinstance(got, float) and isinstance(expected, int):
        return "true_division"
    return None


CHECKS = [
    Check("LeNet's first layer: 32 with a 5×5 kernel", build, function="conv_output_size",
          cases=[{"size": 32, "kernel_size": 5}, {"size": 14, "kernel_size": 5}]),
    Check("a kernel as large as the input fits once", build, function="conv_output_size",
          cases=[{"size": 5, "kernel_size": 5}, {"size": 1, "kernel_size": 1}]),
    Check("padding on both ends ('same' padding)", build, function="conv_output_size",
          cases=[{"size": 28, "kernel_size": 5, "padding": 2}, {"size": 10, "kernel_size": 3, "padding": 1}]),
    Check("a stride that does not divide evenly", build, function="conv_output_size",
          cases=[{"size": 8, "kernel_size": 3, "stride": 2}, {"size": 10, "kernel_size": 3, "stride": 3, "padding": 1},
                 {"size": 224, "kernel_size": 7, "stride": 2, "padding": 3}]),
    Check("dilation", build, function="conv_output_size",
          cases=[{"size": 10, "kernel_size": 3, "dilation": 2},
                 {"size": 15, "kernel_size": 3, "stride": 2, "padding": 2, "dilation": 3}]),
    Check("random sizes, kernels, strides, paddings and dilations", build, function="conv_output_size",
          strategy=settings(), max_examples=25),
]
