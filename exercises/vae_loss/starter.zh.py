"""VAE 的训练目标：重构项加上 β 乘以 KL 项（即负 ELBO）。

你可以使用逐元素的张量运算（torch.log、torch.exp、clamp、sum）；库里的损失函数
F.binary_cross_entropy、nn.BCELoss 和 torch.distributions.kl_divergence 不许使用。

你的函数会被求导：全程留在 torch 中，不要在中途调用 .item()、.numpy() 或 .detach()
（反向穿过它的梯度也会被检查）。
"""
import torch


def vae_loss(x_recon, x, mu, logvar, beta=1.0):
    """每个样本的 β-VAE 损失，对批量求平均。

    对一个样本而言：在解码器的独立伯努利像素下的 −log p(x | z)（x_recon 与 x 在整张图像上的
    二元交叉熵），加上 beta 乘以其整个 J 维编码的 KL( N(mu, σ²) ‖ N(0, I) )，其中 σ² = exp(logvar)。

    参数：
        x_recon: (N, ...) 解码器输出的概率（经过 sigmoid 之后），取值在 [0, 1] 内。它们可能
                 恰好为 0 或 1：损失必须保持有限（像 F.binary_cross_entropy 那样把对数截断在
                 −100 这种标准做法，或者加一个极小的 eps，都可以）。
        x:       (N, ...) 数据，形状相同，取值在 [0, 1] 内。
        mu, logvar: (N, J) 编码器的输出。
        beta:    float，KL 项的权重（β-VAE；取 1 时即为负 ELBO）。

    返回：
        一个 0 维张量，dtype 和 device 与 x_recon 相同。

    示例（N = 2 张四像素图像，J = 2；即本课中的数值）：
        >>> x = torch.tensor([[1.0, 0.0, 1.0, 1.0], [0.0, 0.0, 1.0, 0.0]])
        >>> x_recon = torch.tensor([[0.9, 0.2, 0.8, 0.6], [0.1, 0.3, 0.7, 0.2]])
        >>> mu = torch.tensor([[0.5, -1.0], [0.0, 0.0]])
        >>> logvar = torch.tensor([[0.0, math.log(0.25)], [0.0, 0.0]])
        >>> vae_loss(x_recon, x, mu, logvar)
        tensor(1.5237)
        >>> vae_loss(x_recon, x, mu, logvar, beta=4.0)
        tensor(2.9385)
        >>> # a probability of exactly 0 (where the pixel is 0) keeps the loss finite
        >>> vae_loss(torch.tensor([[0.0, 0.5]]), torch.tensor([[0.0, 1.0]]), torch.zeros(1, 2), torch.zeros(1, 2))
        tensor(0.6931)
    """
    raise NotImplementedError
