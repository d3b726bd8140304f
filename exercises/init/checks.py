"""Checks for init: the oracle asks torch.nn.init itself for the fans and the gain, and applies
the documented formulas of kaiming_normal_ (std = gain / √fan) and xavier_uniform_
(a = gain·√(6 / (fan_in + fan_out))). tests/test_lesson_training_deep_nets.py checks those
formulas statistically against the real initialisers on large tensors."""
import math

import torch
from hypothesis import assume
from hypothesis import strategies as st

from tutor.grading.spec import Call, Check


class ORACLE:
    @staticmethod
    def kaiming_normal_std(shape, nonlinearity="relu", mode="fan_in"):
        weight = torch.empty(shape, device="meta")  # only the shape is needed
        fan = torch.nn.init._calculate_correct_fan(weight, mode)
        # kaiming_normal_ passes a = 0 to calculate_gain (relevant only to leaky_relu).
        return torch.nn.init.calculate_gain(nonlinearity, 0) / math.sqrt(fan)

    @staticmethod
    def xavier_uniform_bound(shape, gain=1.0):
        fan_in, fan_out = torch.nn.init._calculate_fan_in_and_fan_out(torch.empty(shape, device="meta"))
        return gain * math.sqrt(6.0 / (fan_in + fan_out))


def kaiming(p: dict, gen) -> Call:
    kwargs = {k: p[k] for k in ("nonlinearity", "mode") if k in p}
    return Call("kaiming_normal_std", (tuple(p["shape"]),), kwargs)


def xavier(p: dict, gen) -> Call:
    kwargs = {"gain": p["gain"]} if "gain" in p else {}
    return Call("xavier_uniform_bound", (tuple(p["shape"]),), kwargs)


NONLINEARITIES = ["relu", "tanh", "sigmoid", "linear"]


@st.composite
def weight_shapes(draw):
    out_features, in_features = draw(st.integers(1, 512)), draw(st.integers(1, 512))
    # A fan ratio of exactly 2 makes a swapped fan look like a missing √2 gain: such shapes would
    # test nothing more and could name the wrong mistake, so they are not drawn.
    assume(out_features not in (2 * in_features, in_features // 2 if in_features % 2 == 0 else -1))
    if draw(st.booleans()):
        return [out_features, in_features]
    return [out_features, in_features, draw(st.integers(1, 7)), draw(st.integers(1, 7))]


kaiming_params = st.fixed_dictionaries({"shape": weight_shapes(), "nonlinearity": st.sampled_from(NONLINEARITIES),
                                        "mode": st.sampled_from(["fan_in", "fan_out"])})
xavier_params = st.fixed_dictionaries({"shape": weight_shapes(),
                                       "gain": st.sampled_from([1.0, math.sqrt(2.0), 5.0 / 3.0, 0.5])})

CHECKS = [
    Check("Kaiming, a Linear(256, 128) weight before a ReLU (the defaults: relu, fan_in)", kaiming,
          function="kaiming_normal_std", cases=[{"shape": [128, 256]}]),
    Check("Kaiming, a Conv2d(2, 8, 3) weight: the kernel counts in the fan", kaiming, function="kaiming_normal_std",
          cases=[{"shape": [8, 2, 3, 3]}, {"shape": [128, 64, 3, 3]}, {"shape": [16, 3, 5, 3]}]),
    Check("Kaiming with mode=\"fan_out\"", kaiming, function="kaiming_normal_std",
          cases=[{"shape": [128, 512], "mode": "fan_out"}, {"shape": [64, 16, 3, 3], "mode": "fan_out"}]),
    Check("Kaiming with other non-linearities (tanh, sigmoid, linear)", kaiming, function="kaiming_normal_std",
          cases=[{"shape": [100, 50], "nonlinearity": "tanh"}, {"shape": [10, 40], "nonlinearity": "linear"},
                 {"shape": [6, 3, 5, 5], "nonlinearity": "sigmoid", "mode": "fan_out"}]),
    Check("Kaiming, random shapes, non-linearities and modes", kaiming, function="kaiming_normal_std",
          strategy=kaiming_params, max_examples=25),
    Check("Xavier, a Linear(20, 30) weight", xavier, function="xavier_uniform_bound",
          cases=[{"shape": [30, 20]}, {"shape": [1, 1]}]),
    Check("Xavier, a conv weight: both fans count the kernel", xavier, function="xavier_uniform_bound",
          cases=[{"shape": [16, 6, 5, 5]}, {"shape": [32, 3, 3, 1]}]),
    Check("Xavier with a gain (tanh's 5/3)", xavier, function="xavier_uniform_bound",
          cases=[{"shape": [64, 32], "gain": 5.0 / 3.0}]),
    Check("Xavier, random shapes and gains", xavier, function="xavier_uniform_bound", strategy=xavier_params,
          max_examples=25),
]
