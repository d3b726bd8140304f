"""The two pieces of a VAE's encoder side: sampling a code, and the KL term of the loss.

The encoder outputs, for each input, the mean mu and the log-variance logvar (= log σ²) of a
diagonal Gaussian q(z|x). You may use element-wise tensor operations (torch.exp, **, sum,
mean); torch.distributions.kl_divergence and F.kl_div are off-limits.
"""
import torch


def reparameterize(mu, logvar, eps):
    """Sample z ~ N(mu, σ²) as a differentiable function of mu and logvar: z = mu + σ·eps.

    Args:
        mu:     (N, J) means.
        logvar: (N, J) log-variances, log σ².
        eps:    (N, J) standard-normal noise, drawn by the caller (so the result is deterministic).

    Returns:
        z: (N, J), with mu's dtype and device.

    Tiny example: mu = [[0.5]], logvar = [[log 0.25]] (σ² = 0.25, σ = 0.5), eps = [[2.0]]
        z = 0.5 + 0.5·2 = [[1.5]]
    """
    raise NotImplementedError


def gaussian_kl(mu, logvar):
    """KL( N(mu, σ²) ‖ N(0, I) ): summed over the J latent dimensions, averaged over the N samples.

    Per dimension, KL = −½·(1 + logvar − mu² − exp(logvar)).

    Args:
        mu, logvar: (N, J).

    Returns:
        a 0-dimensional tensor (the mean over the batch of each sample's KL), never negative.

    Tiny example (N = 2, J = 2):
        mu = [[0.5, -1], [0, 0]]   logvar = [[0, log 0.25], [0, 0]]
        sample 1: 0.125 + 0.8181 = 0.9431;  sample 2: 0 (it is the prior)
        result: (0.9431 + 0) / 2 ≈ 0.4716
    """
    raise NotImplementedError
