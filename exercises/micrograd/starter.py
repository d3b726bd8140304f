"""A tiny autograd engine: a scalar Value that remembers how it was computed, and backward().

This is what torch.autograd does, for single numbers: every operation records its inputs and how
to send a gradient back to them; backward() replays those records from the output to the leaves.
Work with plain Python floats and the math module; torch.autograd is off-limits.

Example: a is used twice, so its gradient is the sum of both uses, 2·a + 1 = 7.
    >>> a = Value(3.0)
    >>> b = a * a + a
    >>> b.data
    12.0
    >>> b.backward()
    >>> a.grad
    7.0

A shared node: c feeds two products, and must collect 2 + 3 before passing it on to x.
    >>> x = Value(3.0)
    >>> c = x + 1
    >>> e = c * 2 + c * 3
    >>> e.backward()
    >>> x.grad
    5.0
"""
import math


class Value:
    """A scalar in an expression graph.

    Value(data) holds a number: .data (a float) and .grad (starts at 0.0).

    It supports  a + b,  a - b,  a * b,  a / b  where either side may be a Value or a plain Python
    number (so 2 + a and a / 2.0 work too), a ** n for a number n, and a.tanh(), a.exp(),
    a.relu(). Each of these returns a NEW Value.

    out.backward() sets out.grad = 1.0 and fills in .grad of every Value that out was computed
    from: the derivative of out with respect to it. Each node must send its gradient on only after
    every node that uses it has sent it theirs (a topological order, from the output back), and
    gradients ADD UP: a Value used twice gets both contributions.
    """

    def __init__(self, data):
        raise NotImplementedError

    def backward(self):
        raise NotImplementedError
