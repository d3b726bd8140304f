"""Model solution: the fans of a weight tensor and the gains PyTorch's initialisers use."""
import math

# The gains of torch.nn.init.calculate_gain for the supported non-linearities.
GAINS = {"linear": 1.0, "sigmoid": 1.0, "tanh": 5.0 / 3.0, "relu": math.sqrt(2.0)}


def fans(shape):
    """(fan_in, fan_out) of a Linear (out, in) or conv (F, C, KH, KW) weight."""
    receptive_field = 1
    for size in shape[2:]:  # every kernel position is one more input per output
        receptive_field *= size
    return shape[1] * receptive_field, shape[0] * receptive_field


def kaiming_normal_std(shape, nonlinearity="relu", mode="fan_in"):
    fan_in, fan_out = fans(shape)
    fan = fan_in if mode == "fan_in" else fan_out
    return GAINS[nonlinearity] / math.sqrt(fan)


def xavier_uniform_bound(shape, gain=1.0):
    fan_in, fan_out = fans(shape)
    std = gain * math.sqrt(2.0 / (fan_in + fan_out))
    return math.sqrt(3.0) * std  # U(−a, a) has standard deviation a/√3
