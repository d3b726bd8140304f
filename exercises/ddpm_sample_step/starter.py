"""One step of the DDPM sampler (Ho et al., 2020, algorithm 2): from x_t to x_{t−1}.

Steps are counted from 0: t = T − 1 is the first reverse step (from pure noise) and t = 0 the
last, which produces the sample. This exercise uses σ_t² = β_t. The grader hands you a small
noise-prediction model; call it, do not build your own.
"""
import torch


def p_sample_step(model, x_t, t, noise, betas, alphas_cumprod):
    """Sample x_{t−1} ~ p(x_{t−1} | x_t) for a whole batch at the same step t.

    Args:
        model: a callable nn.Module; model(x_t, steps) takes x_t (B, …) and steps, a (B,) int64
               tensor on x_t's device, and returns its estimate of the noise in x_t (x_t's shape).
        x_t:   (B, …) the current noisy samples.
        t:     a Python int, 0 ≤ t < T, the same step for every sample.
        noise: (B, …) fresh noise z ~ N(0, I), x_t's shape (use it; do not draw your own).
        betas, alphas_cumprod: (T,) the schedule β and its ᾱ, x_t's dtype and device.

    Returns:
        x_{t−1}, x_t's shape, dtype and device. On the last step (t = 0) the noise is not used.

    Example, with a stand-in model that returns 0.5·x_t (x_t = [[1.0, −1.0]], noise = [[0.3, −0.2]]):
    t = 2 → [[1.1050, −1.0502]] and t = 0 → [[0.8874, −0.8874]], the noise left out at t = 0.
        >>> betas = torch.tensor([0.1, 0.2, 0.3, 0.4, 0.5])
        >>> a_bar = torch.tensor([0.9, 0.72, 0.504, 0.3024, 0.1512])
        >>> x_t, noise = torch.tensor([[1.0, -1.0]]), torch.tensor([[0.3, -0.2]])
        >>> p_sample_step(lambda x, steps: 0.5 * x, x_t, 2, noise, betas, a_bar)
        tensor([[ 1.1050, -1.0502]])
        >>> p_sample_step(lambda x, steps: 0.5 * x, x_t, 0, noise, betas, a_bar)
        tensor([[ 0.8874, -0.8874]])
    """
    raise NotImplementedError
