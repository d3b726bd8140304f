"""Wrong variant: the kernel's span is taken to be kernel_size whatever the dilation."""


def conv_output_size(size, kernel_size, stride=1, padding=0, dilation=1):
    return (size + 2 * padding - kernel_size) // stride + 1
