"""Model solution: the chain rule for y = x @ w.T + b, written as matrix products."""


def linear_backward(dout, x, w):
    dx = dout @ w            # (N, M) @ (M, D): each x[n] feeds every output of its row
    dw = dout.T @ x          # (M, N) @ (N, D): w is shared by the batch, so the batch is summed
    db = dout.sum(dim=0)     # b[m] is added to every row of y
    return dx, dw, db
