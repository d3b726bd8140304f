"""The VAE training objective: reconstruction (binary cross-entropy) plus β times the KL term.

You may use element-wise tensor operations (torch.log, torch.exp, clamp, sum); the library
losses F.binary_cross_entropy, nn.BCELoss and torch.distributions.kl_divergence are off-limits.
"""
import torch


def vae_loss(x_recon, x, mu, logvar, beta=1.0):
    """( BCE summed over every element + beta · KL summed over every latent dimension ) / N.

        BCE per element:         −[ x·log(x_recon) + (1 − x)·log(1 − x_recon) ]
        KL per latent dimension: −½·(1 + logvar − mu² − exp(logvar))

    Each log is clamped at −100, as F.binary_cross_entropy does, so x_recon of exactly 0 or 1
    gives a large finite loss, never inf or NaN.

    Args:
        x_recon: (N, ...) the decoder's probabilities (after the sigmoid), in [0, 1].
        x:       (N, ...) the data, same shape, values in [0, 1].
        mu, logvar: (N, J) the encoder's outputs.
        beta:    float, the weight of the KL term (β-VAE; 1 gives the negative ELBO).

    Returns:
        a 0-dimensional tensor: the loss per sample, averaged over the batch.

    Tiny example (N = 2, four pixels each; the lesson's numbers):
        x       = [[1, 0, 1, 1], [0, 0, 1, 0]]
        x_recon = [[0.9, 0.2, 0.8, 0.6], [0.1, 0.3, 0.7, 0.2]]   → BCE summed = 2.1043
        mu = [[0.5, -1], [0, 0]],  logvar = [[0, log 0.25], [0, 0]] → KL summed = 0.9431
        beta = 1: (2.1043 + 0.9431) / 2 ≈ 1.5237        beta = 4: (2.1043 + 4·0.9431) / 2 ≈ 2.9385
    """
    raise NotImplementedError
