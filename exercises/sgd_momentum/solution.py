"""Model solution: PyTorch's SGD update, one parameter tensor at a time."""


def sgd_momentum(params, grads, bufs, lr, momentum):
    new_params, new_bufs = [], []
    for p, g, buf in zip(params, grads, bufs):
        # The buffer accumulates raw gradients; the learning rate only scales the step.
        buf = g.clone() if buf is None else momentum * buf + g
        new_params.append(p - lr * buf)
        new_bufs.append(buf)
    return new_params, new_bufs
