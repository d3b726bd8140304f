"""The VAE training objective: reconstruction plus β times the KL term (the negative ELBO).

You may use element-wise tensor operations (torch.log, torch.exp, clamp, sum); the library
losses F.binary_cross_entropy, nn.BCELoss and torch.distributions.kl_divergence are off-limits.

Your function is differentiated: stay in torch, no .item(), .numpy() or .detach() on the way
(the gradients flowing back through it are checked too).
"""
import torch


def vae_loss(x_recon, x, mu, logvar, beta=1.0):
    """The β-VAE loss per sample, averaged over the batch.

    For one sample: −log p(x | z) under the decoder's independent Bernoulli pixels (the binary
    cross-entropy between x_recon and x over the whole image), plus beta times
    KL( N(mu, σ²) ‖ N(0, I) ) of its whole J-dimensional code, with σ² = exp(logvar).

    Args:
        x_recon: (N, ...) the decoder's probabilities (after the sigmoid), in [0, 1]. They may be
                 exactly 0 or 1: the loss must stay finite (a standard clamp of the logs, as
                 F.binary_cross_entropy does at −100, or a tiny eps, are both fine).
        x:       (N, ...) the data, same shape, values in [0, 1].
        mu, logvar: (N, J) the encoder's outputs.
        beta:    float, the weight of the KL term (β-VAE; 1 gives the negative ELBO).

    Returns:
        a 0-dimensional tensor with x_recon's dtype and device.

    Example (N = 2 images of four pixels, J = 2; the lesson's numbers):
        >>> x = torch.tensor([[1.0, 0.0, 1.0, 1.0], [0.0, 0.0, 1.0, 0.0]])
        >>> x_recon = torch.tensor([[0.9, 0.2, 0.8, 0.6], [0.1, 0.3, 0.7, 0.2]])
        >>> mu = torch.tensor([[0.5, -1.0], [0.0, 0.0]])
        >>> logvar = torch.tensor([[0.0, math.log(0.25)], [0.0, 0.0]])
        >>> vae_loss(x_recon, x, mu, logvar)
        tensor(1.5237)
        >>> vae_loss(x_recon, x, mu, logvar, beta=4.0)
        tensor(2.9385)
        >>> # a probability of exactly 0 (where the pixel is 0) keeps the loss finite
        >>> vae_loss(torch.tensor([[0.0, 0.5]]), torch.tensor([[0.0, 1.0]]), torch.zeros(1, 2), torch.zeros(1, 2))
        tensor(0.6931)
    """
    raise NotImplementedError
