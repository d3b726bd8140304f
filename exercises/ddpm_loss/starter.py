"""The DDPM training objective (Ho et al., 2020, algorithm 1) for one batch.

The grader hands you a small noise-prediction model; call it, do not build your own. Any tensor
operation is fine (F.mse_loss too).

Your function is differentiated: stay in torch, no .item(), .numpy() or .detach() on the way.
"""
import torch


def ddpm_loss(model, x0, t, noise, alphas_cumprod):
    """The ε-prediction loss for a batch of clean samples, each noised to its own step.

    Args:
        model: a callable nn.Module; model(x_t, t) takes x_t (B, …) and t (B,) int64 and returns
               its estimate of the noise in x_t, x_t's shape.
        x0:    (B, …) clean data.
        t:     (B,) int64, one step per sample, 0 ≤ t < T.
        noise: (B, …) the noise ε ~ N(0, I) to add, x0's shape.
        alphas_cumprod: (T,) the ᾱ table, x0's dtype and device.

    Returns:
        a 0-dimensional tensor: the mean over every element of the squared difference between
        the model's estimate and the noise that was added.

    Example (a stand-in model that returns 0.5·x_t; here x_t = [[1.0621, −1.0677], [0.1581, 0.6325]]):
        >>> a_bar = torch.tensor([0.9, 0.72, 0.504, 0.3024, 0.1512])
        >>> x0, noise = torch.tensor([[1.0, -2.0], [0.5, 0.0]]), torch.tensor([[0.5, 0.5], [-1.0, 2.0]])
        >>> ddpm_loss(lambda x_t, t: 0.5 * x_t, x0, torch.tensor([2, 0]), noise, a_bar)
        tensor(1.2673)
    """
    raise NotImplementedError
