"""Model solution: count the window positions that fit in the padded input."""


def conv_output_size(size, kernel_size, stride=1, padding=0, dilation=1):
    span = dilation * (kernel_size - 1) + 1           # input positions one (dilated) window covers
    return (size + 2 * padding - span) // stride + 1  # + 1 for the window at position 0
