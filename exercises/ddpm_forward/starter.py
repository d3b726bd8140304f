"""The DDPM forward (noising) process: a variance schedule, the cumulative ᾱ, and the one-jump
sample x_t ~ q(x_t | x_0).

Steps are counted from 0 here: t = 0 is the first noising step and t = T − 1 the last. Any tensor
operation is fine (torch.linspace, torch.cumprod, indexing); a diffusion library is not.

Your functions are differentiated: stay in torch, no .item(), .numpy() or .detach() on the way
(the gradients flowing back through alpha_bar and q_sample are checked too).
"""
import torch


def linear_beta_schedule(T, beta_start=1e-4, beta_end=0.02):
    """The linear variance schedule of Ho et al. (2020).

    Args:
        T: int ≥ 2, the number of noising steps.
        beta_start, beta_end: floats, the first and the last variance.

    Returns:
        betas, a float tensor of shape (T,): evenly spaced, betas[0] == beta_start and
        betas[T − 1] == beta_end. float32 (the default dtype) or float64 are both fine.

    Example:
        >>> linear_beta_schedule(5, 0.1, 0.5)
        tensor([0.1000, 0.2000, 0.3000, 0.4000, 0.5000])
    """
    raise NotImplementedError


def alpha_bar(betas):
    """ᾱ for every step of the schedule.

    Args:
        betas: (T,) float tensor of per-step variances β_t, each in (0, 1).

    Returns:
        (T,) tensor, betas' dtype and device: ᾱ_t, the fraction of the data's variance that is
        left after the noising steps 0 … t.

    Example:
        >>> alpha_bar(torch.tensor([0.1, 0.2, 0.3, 0.4, 0.5]))
        tensor([0.9000, 0.7200, 0.5040, 0.3024, 0.1512])
    """
    raise NotImplementedError


def q_sample(x0, t, noise, alphas_cumprod):
    """Noise a batch of clean samples straight to their own steps t.

    Args:
        x0:    (B, …) clean data: (B, D) points, (B, C, H, W) images, any number of dimensions.
        t:     (B,) int64, one step per sample, 0 ≤ t < T, on x0's device.
        noise: (B, …) ε ~ N(0, I), x0's shape.
        alphas_cumprod: (T,) the ᾱ table (what alpha_bar returns), x0's dtype and device.

    Returns:
        x_t, x0's shape, dtype and device.

    Example (ᾱ from the example above; sample 0 is at step 2, sample 1 at step 0):
        >>> a_bar = torch.tensor([0.9, 0.72, 0.504, 0.3024, 0.1512])
        >>> x0, noise = torch.tensor([[1.0, -2.0], [0.5, 0.0]]), torch.tensor([[0.5, 0.5], [-1.0, 2.0]])
        >>> q_sample(x0, torch.tensor([2, 0]), noise, a_bar)
        tensor([[ 1.0621, -1.0677],
                [ 0.1581,  0.6325]])
    """
    raise NotImplementedError
