"""Wrong variant: the generator minimises log(1 − D(G(z))), minus D's loss on the fakes."""
import torch


def softplus(t):
    return torch.clamp(t, min=0) + torch.log1p(torch.exp(-t.abs()))


def discriminator_loss(real_logits, fake_logits):
    return softplus(-real_logits).mean() + softplus(fake_logits).mean()


def generator_loss(fake_logits):
    return -softplus(fake_logits).mean()          # mean log(1 − σ(ℓ))
