"""The two pieces of a VAE's encoder side: sampling a code, and the KL term of the loss.

The encoder outputs, for each input, the mean mu and the log-variance logvar (= log σ²) of a
diagonal Gaussian q(z|x) over a J-dimensional code. You may use element-wise tensor operations
(torch.exp, **, sum, mean); torch.distributions.kl_divergence and F.kl_div are off-limits.

Your functions are differentiated: stay in torch, no .item(), .numpy() or .detach() on the way
(the gradients flowing back through them are checked too).
"""
import torch


def reparameterize(mu, logvar, eps):
    """A sample z of N(mu, σ²), written as a differentiable function of mu and logvar.

    Args:
        mu:     (N, J) means.
        logvar: (N, J) log-variances, log σ².
        eps:    (N, J) standard-normal noise, drawn by the caller (so the result is deterministic).

    Returns:
        z: (N, J), with mu's dtype and device.

    Example (σ² = 0.25 in the first column):
        >>> reparameterize(torch.tensor([[0.5, 0.0]]), torch.tensor([[math.log(0.25), 0.0]]), torch.tensor([[2.0, -1.0]]))
        tensor([[ 1.5000, -1.0000]])
    """
    raise NotImplementedError


def gaussian_kl(mu, logvar):
    """KL( N(mu, σ²) ‖ N(0, I) ) of each sample's whole code, averaged over the batch.

    Args:
        mu, logvar: (N, J), as above: sample n's code is the J-dimensional Gaussian with
                    means mu[n] and variances exp(logvar[n]).

    Returns:
        a 0-dimensional tensor with mu's dtype and device; a KL is never negative.

    Example (N = 2, J = 2; the second sample's code is exactly the prior):
        >>> gaussian_kl(torch.tensor([[0.5, -1.0], [0.0, 0.0]]), torch.tensor([[0.0, math.log(0.25)], [0.0, 0.0]]))
        tensor(0.4716)
    """
    raise NotImplementedError
