"""The two GAN losses, computed from the discriminator's logits (before any sigmoid).

D(x) = σ(ℓ) is the discriminator's probability that x is real; the functions receive the logits ℓ.
Compute the losses stably (softplus, or max(x, 0) − x·y + log(1 + e^(−|x|))); the library's
F.binary_cross_entropy_with_logits and nn.BCEWithLogitsLoss are off-limits.
"""
import torch


def discriminator_loss(real_logits, fake_logits):
    """mean BCE(real_logits, 1) + mean BCE(fake_logits, 0) — the sum of the two means.

    Args:
        real_logits: (N,) or (N, 1) D's logits on real images.
        fake_logits: (M,) or (M, 1) D's logits on generated images.

    Returns:
        a 0-dimensional tensor, with the logits' dtype and device.

    Tiny example: real_logits = [2, 0.5], fake_logits = [-1, 0.3]
        BCE(real, 1) = softplus(−2), softplus(−0.5) = 0.1269, 0.4741 → mean 0.3005
        BCE(fake, 0) = softplus(−1), softplus(0.3)  = 0.3133, 0.8544 → mean 0.5838
        loss_D = 0.3005 + 0.5838 ≈ 0.8843
    """
    raise NotImplementedError


def generator_loss(fake_logits):
    """The non-saturating generator loss: mean BCE(fake_logits, 1) = mean −log σ(fake_logits).

    Args:
        fake_logits: (M,) or (M, 1) D's logits on generated images.

    Returns:
        a 0-dimensional tensor.

    Tiny example: fake_logits = [-1, 0.3]
        softplus(1) = 1.3133, softplus(−0.3) = 0.5544 → loss_G ≈ 0.9338
    """
    raise NotImplementedError
