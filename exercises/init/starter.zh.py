"""Kaiming 和 Xavier 初始化背后的数。

写两个函数，返回 PyTorch 的初始化函数对给定形状的权重张量所用的尺度：不是随机张量，只是那个数。
torch.nn.init（其中的初始化函数以及 calculate_gain / fan 辅助函数）不许用：fan 和增益要你自己算。
"""
import math


def kaiming_normal_std(shape, nonlinearity="relu", mode="fan_in"):
    """nn.init.kaiming_normal_(w, mode=mode, nonlinearity=nonlinearity) 所用的标准差。

    参数：
        shape:        一个整数元组：Linear 权重 (out_features, in_features)，或 Conv2d 权重
                      (out_channels, in_channels, kernel_height, kernel_width)。
        nonlinearity: 该层之后的激活函数："relu"、"tanh"、"sigmoid" 或 "linear"。
        mode:         "fan_in"（保持前向信号的方差）或 "fan_out"（保持反向梯度的方差）。

    返回：
        一个 Python float。

    示例：
        >>> kaiming_normal_std((8, 2, 3, 3))                     # a Conv2d(2, 8, 3) weight, ReLU, fan_in
        0.3333
        >>> kaiming_normal_std((30, 20), nonlinearity="tanh", mode="fan_out")   # a Linear(20, 30) weight
        0.3043
    """
    raise NotImplementedError


def xavier_uniform_bound(shape, gain=1.0):
    """nn.init.xavier_uniform_(w, gain=gain) 采样所用的 U(−a, a) 中的 a。

    参数：
        shape: 同上，Linear 或 Conv2d 权重的形状。
        gain:  乘在尺度上的 float（nn.init.calculate_gain 为每种激活函数给出一个值）。

    返回：
        一个 Python float。

    示例：
        >>> xavier_uniform_bound((30, 20))                       # a Linear(20, 30) weight
        0.3464
        >>> xavier_uniform_bound((8, 2, 3, 3), gain=2.0)         # a Conv2d(2, 8, 3) weight
        0.5164
    """
    raise NotImplementedError
