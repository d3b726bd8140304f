"""Wrong variant: counts the steps of the window, not its positions."""


def conv_output_size(size, kernel_size, stride=1, padding=0, dilation=1):
    span = dilation * (kernel_size - 1) + 1
    return (size + 2 * padding - span) // stride
