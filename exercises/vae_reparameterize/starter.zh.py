"""VAE 编码器一侧的两个部件：采样一个编码，以及损失中的 KL 项。

对每个输入，编码器输出一个 J 维编码上的对角高斯分布 q(z|x) 的均值 mu 和对数方差
logvar（= log σ²）。你可以使用逐元素的张量运算（torch.exp、**、sum、mean）；
torch.distributions.kl_divergence 和 F.kl_div 不许使用。

你的函数会被求导：全程留在 torch 中，不要在中途调用 .item()、.numpy() 或 .detach()
（反向穿过它们的梯度也会被检查）。
"""
import torch


def reparameterize(mu, logvar, eps):
    """N(mu, σ²) 的一个样本 z，写成 mu 和 logvar 的可微函数。

    参数：
        mu:     (N, J) 均值。
        logvar: (N, J) 对数方差 log σ²。
        eps:    (N, J) 标准正态噪声，由调用者抽取（因此结果是确定的）。

    返回：
        z: (N, J)，dtype 和 device 与 mu 相同。

    示例（第一列的 σ² = 0.25）：
        >>> reparameterize(torch.tensor([[0.5, 0.0]]), torch.tensor([[math.log(0.25), 0.0]]), torch.tensor([[2.0, -1.0]]))
        tensor([[ 1.5000, -1.0000]])
    """
    raise NotImplementedError


def gaussian_kl(mu, logvar):
    """每个样本整个编码的 KL( N(mu, σ²) ‖ N(0, I) )，对批量求平均。

    参数：
        mu, logvar: (N, J)，同上：样本 n 的编码是一个 J 维高斯分布，
                    均值为 mu[n]，方差为 exp(logvar[n])。

    返回：
        一个 0 维张量，dtype 和 device 与 mu 相同；KL 永远不为负。

    示例（N = 2，J = 2；第二个样本的编码恰好就是先验）：
        >>> gaussian_kl(torch.tensor([[0.5, -1.0], [0.0, 0.0]]), torch.tensor([[0.0, math.log(0.25)], [0.0, 0.0]]))
        tensor(0.4716)
    """
    raise NotImplementedError
