"""一个批量上的 DDPM 训练目标（Ho 等，2020，算法 1）。

评分器会交给你一个小型的噪声预测模型；调用它，不要自己另建。任何张量运算都可以用（F.mse_loss 也行）。

你的函数会被求导：全程留在 torch 中，不要在中途调用 .item()、.numpy() 或 .detach()。
"""
import torch


def ddpm_loss(model, x0, t, noise, alphas_cumprod):
    """一批干净样本各自加噪到自己的步数后的 ε 预测损失。

    参数：
        model: 可调用的 nn.Module；model(x_t, t) 接收 x_t (B, …) 和 t (B,) int64，
               返回它对 x_t 中噪声的估计，形状与 x_t 相同。
        x0:    (B, …) 干净数据。
        t:     (B,) int64，每个样本一个步数，0 ≤ t < T。
        noise: (B, …) 要加入的噪声 ε ~ N(0, I)，形状与 x0 相同。
        alphas_cumprod: (T,) ᾱ 表格，dtype 和设备与 x0 相同。

    返回：
        一个 0 维张量：模型的估计与加入的噪声之差的平方，在所有元素上的平均值。

    示例（一个返回 0.5·x_t 的替身模型；这里 x_t = [[1.0621, −1.0677], [0.1581, 0.6325]]）：
        >>> a_bar = torch.tensor([0.9, 0.72, 0.504, 0.3024, 0.1512])
        >>> x0, noise = torch.tensor([[1.0, -2.0], [0.5, 0.0]]), torch.tensor([[0.5, 0.5], [-1.0, 2.0]])
        >>> ddpm_loss(lambda x_t, t: 0.5 * x_t, x0, torch.tensor([2, 0]), noise, a_bar)
        tensor(1.2673)
    """
    raise NotImplementedError
