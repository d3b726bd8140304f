"""DDPM 的前向（加噪）过程：方差调度、累积的 ᾱ，以及一步跳跃的采样 x_t ~ q(x_t | x_0)。

这里的步数从 0 开始计：t = 0 是第一个加噪步，t = T − 1 是最后一个。任何张量运算都可以用
（torch.linspace、torch.cumprod、索引）；扩散模型的库不许用。

你的函数会被求导：全程留在 torch 中，不要在中途调用 .item()、.numpy() 或 .detach()
（经过 alpha_bar 和 q_sample 反向传回的梯度也会被检查）。
"""
import torch


def linear_beta_schedule(T, beta_start=1e-4, beta_end=0.02):
    """Ho 等（2020）的线性方差调度。

    参数：
        T: int ≥ 2，加噪步数。
        beta_start, beta_end: float，第一个和最后一个方差。

    返回：
        betas，形状为 (T,) 的浮点张量：均匀分布，betas[0] == beta_start，
        betas[T − 1] == beta_end。float32（默认 dtype）或 float64 都可以。

    示例：
        >>> linear_beta_schedule(5, 0.1, 0.5)
        tensor([0.1000, 0.2000, 0.3000, 0.4000, 0.5000])
    """
    raise NotImplementedError


def alpha_bar(betas):
    """调度中每一步的 ᾱ。

    参数：
        betas: (T,) 浮点张量，每步的方差 β_t，均在 (0, 1) 之间。

    返回：
        (T,) 张量，dtype 和设备与 betas 相同：ᾱ_t，即经过第 0 … t 个加噪步之后，数据的方差还剩下的比例。

    示例：
        >>> alpha_bar(torch.tensor([0.1, 0.2, 0.3, 0.4, 0.5]))
        tensor([0.9000, 0.7200, 0.5040, 0.3024, 0.1512])
    """
    raise NotImplementedError


def q_sample(x0, t, noise, alphas_cumprod):
    """把一批干净样本直接加噪到各自的第 t 步。

    参数：
        x0:    (B, …) 干净数据：(B, D) 的点、(B, C, H, W) 的图像，维度数任意。
        t:     (B,) int64，每个样本一个步数，0 ≤ t < T，与 x0 在同一设备上。
        noise: (B, …) ε ~ N(0, I)，形状与 x0 相同。
        alphas_cumprod: (T,) ᾱ 表格（alpha_bar 的返回值），dtype 和设备与 x0 相同。

    返回：
        x_t，形状、dtype 和设备与 x0 相同。

    示例（ᾱ 取自上面的示例；样本 0 在第 2 步，样本 1 在第 0 步）：
        >>> a_bar = torch.tensor([0.9, 0.72, 0.504, 0.3024, 0.1512])
        >>> x0, noise = torch.tensor([[1.0, -2.0], [0.5, 0.0]]), torch.tensor([[0.5, 0.5], [-1.0, 2.0]])
        >>> q_sample(x0, torch.tensor([2, 0]), noise, a_bar)
        tensor([[ 1.0621, -1.0677],
                [ 0.1581,  0.6325]])
    """
    raise NotImplementedError
