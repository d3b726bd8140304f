"""Wrong variant: the padding is added once, as if it went on one end only."""


def conv_output_size(size, kernel_size, stride=1, padding=0, dilation=1):
    span = dilation * (kernel_size - 1) + 1
    return (size + padding - span) // stride + 1
