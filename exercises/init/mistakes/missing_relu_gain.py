"""Wrong variant: std = 1/√fan for ReLU layers too (the √2 gain left out)."""
import math

GAINS = {"linear": 1.0, "sigmoid": 1.0, "tanh": 5.0 / 3.0, "relu": 1.0}


def fans(shape):
    receptive_field = 1
    for size in shape[2:]:
        receptive_field *= size
    return shape[1] * receptive_field, shape[0] * receptive_field


def kaiming_normal_std(shape, nonlinearity="relu", mode="fan_in"):
    fan_in, fan_out = fans(shape)
    fan = fan_in if mode == "fan_in" else fan_out
    return GAINS[nonlinearity] / math.sqrt(fan)


def xavier_uniform_bound(shape, gain=1.0):
    fan_in, fan_out = fans(shape)
    return gain * math.sqrt(6.0 / (fan_in + fan_out))
