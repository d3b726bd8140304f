"""The output size of a convolution along one dimension.

Write conv_output_size to return the length of the output of a convolution (or of a pooling
window, which follows the same rule with ceil_mode=False) along one spatial dimension. Running a
real convolution to measure it (F.conv1d, F.conv2d, nn.Conv*) is off-limits: use the formula.
"""


def conv_output_size(size, kernel_size, stride=1, padding=0, dilation=1):
    """How many positions a kernel visits along one dimension.

    Args:
        size:        int, the input length along this dimension (H or W).
        kernel_size: int, the number of taps of the kernel along it (KH or KW).
        stride:      int, the step between consecutive windows.
        padding:     int, zeros added at *each* end.
        dilation:    int, the spacing between the kernel's taps (1 = adjacent).

    Returns:
        An int: the output length, as torch.nn.Conv2d would produce it.

    Examples:
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
