"""DDPM 采样器的一步（Ho 等，2020，算法 2）：从 x_t 到 x_{t−1}。

步数从 0 开始计：t = T − 1 是第一个反向步（从纯噪声出发），t = 0 是最后一步，它产生样本。
本练习取 σ_t² = β_t。评分器会交给你一个小型的噪声预测模型；调用它，不要自己另建。
"""
import torch


def p_sample_step(model, x_t, t, noise, betas, alphas_cumprod):
    """对整个批量在同一步 t 上采样 x_{t−1} ~ p(x_{t−1} | x_t)。

    参数：
        model: 可调用的 nn.Module；model(x_t, steps) 接收 x_t (B, …) 和 steps（一个在 x_t 所在设备上的
               (B,) int64 张量），返回它对 x_t 中噪声的估计（形状与 x_t 相同）。
        x_t:   (B, …) 当前的带噪样本。
        t:     Python int，0 ≤ t < T，所有样本的步数相同。
        noise: (B, …) 新的噪声 z ~ N(0, I)，形状与 x_t 相同（用它；不要自己另抽）。
        betas, alphas_cumprod: (T,) 调度 β 及其 ᾱ，dtype 和设备与 x_t 相同。

    返回：
        x_{t−1}，形状、dtype 和设备与 x_t 相同。在最后一步（t = 0）不使用噪声。

    示例，替身模型返回 0.5·x_t（x_t = [[1.0, −1.0]]，noise = [[0.3, −0.2]]）：
    t = 2 → [[1.1050, −1.0502]]，t = 0 → [[0.8874, −0.8874]]，t = 0 时不加噪声。
        >>> betas = torch.tensor([0.1, 0.2, 0.3, 0.4, 0.5])
        >>> a_bar = torch.tensor([0.9, 0.72, 0.504, 0.3024, 0.1512])
        >>> x_t, noise = torch.tensor([[1.0, -1.0]]), torch.tensor([[0.3, -0.2]])
        >>> p_sample_step(lambda x, steps: 0.5 * x, x_t, 2, noise, betas, a_bar)
        tensor([[ 1.1050, -1.0502]])
        >>> p_sample_step(lambda x, steps: 0.5 * x, x_t, 0, noise, betas, a_bar)
        tensor([[ 0.8874, -0.8874]])
    """
    raise NotImplementedError
