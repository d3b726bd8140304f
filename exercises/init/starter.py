"""The numbers behind Kaiming and Xavier initialisation.

Write two functions that return the scale PyTorch's initialisers use for a weight tensor of a
given shape — not the random tensor, just the number. torch.nn.init (its initialisers and its
calculate_gain / fan helpers) is off-limits: work out the fans and the gains yourself.
"""
import math


def kaiming_normal_std(shape, nonlinearity="relu", mode="fan_in"):
    """The standard deviation nn.init.kaiming_normal_(w, mode=mode, nonlinearity=nonlinearity) uses.

    Args:
        shape:        a tuple of ints: a Linear weight (out_features, in_features), or a Conv2d
                      weight (out_channels, in_channels, kernel_height, kernel_width).
        nonlinearity: the activation that follows the layer: "relu", "tanh", "sigmoid" or "linear".
        mode:         "fan_in" (keep the forward signal's variance) or "fan_out" (keep the
                      backward gradient's variance).

    Returns:
        a Python float.

    Examples:
        >>> kaiming_normal_std((8, 2, 3, 3))                     # a Conv2d(2, 8, 3) weight, ReLU, fan_in
        0.3333
        >>> kaiming_normal_std((30, 20), nonlinearity="tanh", mode="fan_out")   # a Linear(20, 30) weight
        0.3043
    """
    raise NotImplementedError


def xavier_uniform_bound(shape, gain=1.0):
    """The a of U(−a, a) that nn.init.xavier_uniform_(w, gain=gain) draws from.

    Args:
        shape: as above, a Linear or a Conv2d weight shape.
        gain:  a float multiplying the scale (nn.init.calculate_gain gives one per activation).

    Returns:
        a Python float.

    Examples:
        >>> xavier_uniform_bound((30, 20))                       # a Linear(20, 30) weight
        0.3464
        >>> xavier_uniform_bound((8, 2, 3, 3), gain=2.0)         # a Conv2d(2, 8, 3) weight
        0.5164
    """
    raise NotImplementedError
