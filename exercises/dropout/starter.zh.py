"""倒置暂退法（inverted dropout），与 F.dropout 的计算相同。

写出 dropout(x, p, training)。F.dropout、nn.Dropout 和 torch.dropout 不许用；随机数
（torch.rand_like、torch.bernoulli……）可以随意使用。
你的函数会被求导：全程留在 torch 中，不要在中途调用 .item()、.numpy() 或 .detach()（从 x 到结果的整个过程都是如此）。
"""
import torch


def dropout(x, p=0.5, training=True):
    """训练时随机地把 x 的元素置零。

    参数：
        x:        任意形状的张量（float32 或 float64，任意设备）。
        p:        一个元素被*丢弃*（置为 0）的概率，0 ≤ p ≤ 1。
        training: 训练时为 True；评估时为 False。

    返回：
        一个与 x 的形状、dtype 和设备都相同的张量。每次调用都抽取新的随机掩码，每个元素各自独立地
        抛一次硬币。p = 1 时丢弃所有元素（结果全为零）。

    示例。掩码是随机的，所以这里挑选的都是结果与掩码无关的情形：
        >>> x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
        >>> dropout(x, p=0.5, training=False)     # evaluation: x comes back untouched
        tensor([[1., 2., 3.],
                [4., 5., 6.]])
        >>> dropout(x, p=0.0)                     # training, nothing dropped
        tensor([[1., 2., 3.],
                [4., 5., 6.]])
        >>> dropout(x, p=1.0)                     # training, everything dropped
        tensor([[0., 0., 0.],
                [0., 0., 0.]])

    p = 0.75 时，大约四分之三的元素为 0，而每个幸存的 1 都变成 4
    （在 1000 个元素中，一个都没丢弃或一个都没保留的概率可以忽略不计）：
        >>> dropout(torch.ones(1000), p=0.75).amax()
        tensor(4.)
        >>> dropout(torch.ones(1000), p=0.75).amin()
        tensor(0.)
    """
    raise NotImplementedError
