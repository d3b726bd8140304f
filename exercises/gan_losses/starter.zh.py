"""GAN 的两个损失，由判别器的 logits（在任何 sigmoid 之前）计算。

D(x) = σ(ℓ) 是判别器认为 x 为真的概率；函数接收的是 logits ℓ，并且对于自信的 logits
（±100 乃至更大）必须保持有限。库里的 F.binary_cross_entropy_with_logits 和
nn.BCEWithLogitsLoss 不许使用。

你的函数会被求导：全程留在 torch 中，不要在中途调用 .item()、.numpy() 或 .detach()
（反向穿过它们的梯度也会被检查）。
"""
import torch


def discriminator_loss(real_logits, fake_logits):
    """判别器的损失，即本课中的 loss_D：D 区分真实图像与假图像的表现有多差。

    参数：
        real_logits: (N,) 或 (N, 1)，D 在真实图像上的 logits。
        fake_logits: (M,) 或 (M, 1)，D 在生成图像上的 logits（M 可以与 N 不同）。

    返回：
        一个 0 维张量，dtype 和 device 与 logits 相同。

    示例：
        >>> discriminator_loss(torch.tensor([2.0, 0.5]), torch.tensor([-1.0, 0.3]))
        tensor(0.8843)
        >>> discriminator_loss(torch.tensor([-100.0]), torch.tensor([100.0]))     # D is sure, and wrong
        tensor(200.)
    """
    raise NotImplementedError


def generator_loss(fake_logits):
    """生成器的非饱和损失，即本课中的 loss_G。

    参数：
        fake_logits: (M,) 或 (M, 1)，D 在生成图像上的 logits。

    返回：
        一个 0 维张量。

    示例：
        >>> generator_loss(torch.tensor([-1.0, 0.3]))
        tensor(0.9338)
        >>> generator_loss(torch.tensor([-100.0]))       # D is sure the fake is fake
        tensor(100.)
    """
    raise NotImplementedError
