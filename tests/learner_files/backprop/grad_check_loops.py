"""A first-time learner's grad_check: an index tuple per element, x[idx] += h / -= 2h / += h."""
import itertools


def numerical_gradient(f, x, h=1e-5):
    grad = x.clone()
    for idx in itertools.product(*[range(s) for s in x.shape]):
        x[idx] += h
        f_plus = f(x).item()
        x[idx] -= 2 * h
        f_minus = f(x).item()
        x[idx] += h
        grad[idx] = (f_plus - f_minus) / (2 * h)
    return grad


def relative_error(a, b):
    worst = 0.0
    for u, v in zip(a.reshape(-1).tolist(), b.reshape(-1).tolist()):
        worst = max(worst, abs(u - v) / max(1e-8, abs(u) + abs(v)))
    return worst
