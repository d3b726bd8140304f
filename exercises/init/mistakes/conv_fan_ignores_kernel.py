"""Wrong variant: a conv weight's fans are its channel counts, the kernel size left out."""
import math

GAINS = {"linear": 1.0, "sigmoid": 1.0, "tanh": 5.0 / 3.0, "relu": math.sqrt(2.0)}


def kaiming_normal_std(shape, nonlinearity="relu", mode="fan_in"):
    fan = shape[1] if mode == "fan_in" else shape[0]
    return GAINS[nonlinearity] / math.sqrt(fan)


def xavier_uniform_bound(shape, gain=1.0):
    fan_in, fan_out = shape[1], shape[0]
    return gain * math.sqrt(6.0 / (fan_in + fan_out))
