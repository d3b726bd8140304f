"""Model solution: BCE on logits through a stable softplus, −log σ(ℓ) = softplus(−ℓ)."""
import torch


def softplus(t):
    # log(1 + e^t) without overflow: for large t it is ≈ t, for very negative t ≈ e^t.
    return torch.clamp(t, min=0) + torch.log1p(torch.exp(-t.abs()))


def discriminator_loss(real_logits, fake_logits):
    real_term = softplus(-real_logits).mean()     # BCE(ℓ, 1) = −log σ(ℓ)
    fake_term = softplus(fake_logits).mean()      # BCE(ℓ, 0) = −log(1 − σ(ℓ))
    return real_term + fake_term


def generator_loss(fake_logits):
    # Non-saturating: maximise log D(G(z)) rather than minimise log(1 − D(G(z))).
    return softplus(-fake_logits).mean()
