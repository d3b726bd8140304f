"""卷积沿一个维度的输出尺寸。

实现 conv_output_size：返回卷积（或池化窗口，在 ceil_mode=False 时遵循同一规则）沿一个空间维度的
输出长度。禁止真的运行一次卷积来测量它（F.conv1d、F.conv2d、nn.Conv*）：请使用公式。
"""


def conv_output_size(size, kernel_size, stride=1, padding=0, dilation=1):
    """卷积核沿一个维度能到达多少个位置。

    参数：
        size:        int，输入在这一维上的长度（H 或 W）。
        kernel_size: int，卷积核在这一维上的抽头数（KH 或 KW）。
        stride:      int，相邻两个窗口之间的步幅。
        padding:     int，在*每一端*补的零的个数。
        dilation:    int，卷积核抽头之间的间距（1 = 相邻）。

    返回：
        一个 int：输出长度，与 torch.nn.Conv2d 给出的一致。

    示例：
        >>> conv_output_size(32, 5)                 # LeNet's first conv
        28
        >>> conv_output_size(28, 5, padding=2)      # "same" padding
        28
        >>> conv_output_size(8, 3, stride=2)        # the stride does not divide evenly
        3
        >>> conv_output_size(10, 3, dilation=2)
        6
    """
    raise NotImplementedError
