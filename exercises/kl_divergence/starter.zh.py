"""从零写出 KL 散度。

写出 kl_divergence(p, q)：Σ_c p·log(p/q) 在批量上的平均值，约定 0·log 0 = 0。
它等于 torch.nn.functional.kl_div(q.log(), p, reduction="batchmean")；F.kl_div、nn.KLDivLoss
以及 torch.distributions 中的 kl_divergence 一律不许用。

你的函数会被求导：全程留在 torch 中，不要在中途调用 .item()、.numpy() 或 .detach()
（反向流经它的梯度也会被检查）。
"""
import torch


def kl_divergence(p, q):
    """对每一行计算 KL(p‖q)，再在各行上取平均。

    参数：
        p: (N, C) 概率；每一行之和为 1。其中的元素可以恰好为 0。
        q: (N, C) 概率；每一行之和为 1，所有元素都 > 0。

    返回：
        一个 0 维张量（标量），dtype 和设备与 p 相同：
        (1/N) · Σ_n Σ_c p[n, c] · log(p[n, c] / q[n, c])，其中 p[n, c] = 0 的项记为 0。

    示例（批量中的第二行 p = [1, 0]，与之比较的 q = [0.5, 0.5]；p 中有一个零，
    这一行的 KL 散度为 log 2）：
        >>> kl_divergence(torch.tensor([[0.5, 0.5]]), torch.tensor([[0.9, 0.1]]))
        tensor(0.5108)
        >>> kl_divergence(torch.tensor([[0.5, 0.5], [1.0, 0.0]]), torch.tensor([[0.9, 0.1], [0.5, 0.5]]))
        tensor(0.6020)
    """
    raise NotImplementedError
