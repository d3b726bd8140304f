# exercise: vae_loss
# expect: pass
# eps added inside the logs, as many tutorials write it.
import torch


def vae_loss(x_recon, x, mu, logvar, beta=1.0):
    eps = 1e-10
    bce = -torch.sum(x * torch.log(x_recon + eps) + (1 - x) * torch.log(1 - x_recon + eps))
    kl = 0.5 * torch.sum(mu ** 2 + logvar.exp() - 1 - logvar)
    return (bce + beta * kl) / x.size(0)
