"""A first-time learner's batch_norm_backward: the staged graph (mean, centred, variance, inverse
std, x̂) walked backwards step by step, with loops over the batch and the features."""
import torch


def batch_norm_backward(dout, x, gamma, eps=1e-5):
    N, D = x.shape
    dx = torch.zeros_like(x)
    dgamma = torch.zeros_like(gamma)
    dbeta = torch.zeros_like(gamma)
    for d in range(D):
        col = [x[n, d].item() for n in range(N)]
        mu = sum(col) / N
        xc = [v - mu for v in col]
        var = sum(v * v for v in xc) / N
        std = (var + eps) ** 0.5
        inv = 1.0 / std
        xhat = [v * inv for v in xc]
        g = [dout[n, d].item() for n in range(N)]
        dbeta[d] = sum(g)
        dgamma[d] = sum(g[n] * xhat[n] for n in range(N))
        dxhat = [g[n] * gamma[d].item() for n in range(N)]
        dinv = sum(dxhat[n] * xc[n] for n in range(N))
        dxc = [dxhat[n] * inv for n in range(N)]
        dstd = -dinv / std ** 2
        dvar = dstd * 0.5 / std
        for n in range(N):
            dxc[n] += 2.0 * xc[n] / N * dvar
        dmu = -sum(dxc)
        for n in range(N):
            dx[n, d] = dxc[n] + dmu / N
    return dx, dgamma, dbeta
