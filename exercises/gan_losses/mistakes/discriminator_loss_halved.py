"""Wrong variant: the discriminator loss is the average of its two terms, not their sum."""
import torch


def softplus(t):
    return torch.clamp(t, min=0) + torch.log1p(torch.exp(-t.abs()))


def discriminator_loss(real_logits, fake_logits):
    return 0.5 * (softplus(-real_logits).mean() + softplus(fake_logits).mean())


def generator_loss(fake_logits):
    return softplus(-fake_logits).mean()
