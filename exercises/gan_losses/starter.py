"""The two GAN losses, computed from the discriminator's logits (before any sigmoid).

D(x) = σ(ℓ) is the discriminator's probability that x is real; the functions receive the logits
ℓ, and must stay finite for confident logits (±100 and beyond). The library's
F.binary_cross_entropy_with_logits and nn.BCEWithLogitsLoss are off-limits.

Your functions are differentiated: stay in torch, no .item(), .numpy() or .detach() on the way
(the gradients flowing back through them are checked too).
"""
import torch


def discriminator_loss(real_logits, fake_logits):
    """The discriminator's loss, loss_D in the lesson: how badly D tells real images from fakes.

    Args:
        real_logits: (N,) or (N, 1) D's logits on real images.
        fake_logits: (M,) or (M, 1) D's logits on generated images (M may differ from N).

    Returns:
        a 0-dimensional tensor, with the logits' dtype and device.

    Examples:
        >>> discriminator_loss(torch.tensor([2.0, 0.5]), torch.tensor([-1.0, 0.3]))
        tensor(0.8843)
        >>> discriminator_loss(torch.tensor([-100.0]), torch.tensor([100.0]))     # D is sure, and wrong
        tensor(200.)
    """
    raise NotImplementedError


def generator_loss(fake_logits):
    """The generator's non-saturating loss, loss_G in the lesson.

    Args:
        fake_logits: (M,) or (M, 1) D's logits on generated images.

    Returns:
        a 0-dimensional tensor.

    Examples:
        >>> generator_loss(torch.tensor([-1.0, 0.3]))
        tensor(0.9338)
        >>> generator_loss(torch.tensor([-100.0]))       # D is sure the fake is fake
        tensor(100.)
    """
    raise NotImplementedError
