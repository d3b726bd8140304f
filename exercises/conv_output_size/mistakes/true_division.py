"""Wrong variant: true division, so the result is a float and partial windows are counted."""


def conv_output_size(size, kernel_size, stride=1, padding=0, dilation=1):
    span = dilation * (kernel_size - 1) + 1
    return (size + 2 * padding - span) / stride + 1
