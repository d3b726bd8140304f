"""Wrong variant: Kaiming's fan_in and fan_out swapped (the layer's outputs counted as its fan-in)."""
import math

GAINS = {"linear": 1.0, "sigmoid": 1.0, "tanh": 5.0 / 3.0, "relu": math.sqrt(2.0)}


def fans(shape):
    receptive_field = 1
    for size in shape[2:]:
        receptive_field *= size
    return shape[1] * receptive_field, shape[0] * receptive_field


def kaiming_normal_std(shape, nonlinearity="relu", mode="fan_in"):
    fan_in, fan_out = fans(shape)
    fan = fan_out if mode == "fan_in" else fan_in   # shape[0] read as the number of inputs
    return GAINS[nonlinearity] / math.sqrt(fan)


def xavier_uniform_bound(shape, gain=1.0):
    fan_in, fan_out = fans(shape)
    return gain * math.sqrt(6.0 / (fan_in + fan_out))
