"""Wrong variant: the right formulas, through log(sigmoid(...)), which overflows for confident logits."""
import torch


def discriminator_loss(real_logits, fake_logits):
    return -(torch.log(torch.sigmoid(real_logits)).mean() + torch.log(1 - torch.sigmoid(fake_logits)).mean())


def generator_loss(fake_logits):
    return -torch.log(torch.sigmoid(fake_logits)).mean()
