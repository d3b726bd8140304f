"""从零写出带动量的随机梯度下降的一步。

写出 sgd_momentum，让它完成 torch.optim.SGD(params, lr=lr, momentum=momentum).step() 一次调用
所做的事（dampening 为 0，不用 Nesterov，没有权重衰减），但要写成纯函数：它接收参数、参数的
梯度和动量缓冲区，返回新的参数和缓冲区。torch.optim.SGD 不许用。
"""
import torch


def sgd_momentum(params, grads, bufs, lr, momentum):
    """对每个参数张量执行一步带动量的 SGD。

    参数：
        params:   张量列表，当前的参数值（任意形状）。
        grads:    张量列表，损失对每个参数的梯度（形状相同）。
        bufs:     上一步留下的动量缓冲区列表（形状相同）；对于还没有缓冲区的参数
                  （最开始的第一步），对应的元素为 None。
        lr:       float，这一步的学习率（每一步都可能不同）。
        momentum: float，在 (0, 1) 之间，例如 0.9。

    返回：
        (new_params, new_bufs)：两个张量列表，每个参数一项，形状、dtype 和设备都与该参数
        相同。下一步时把 new_bufs 作为 `bufs` 传回来。

    示例（一个参数，动量 0.9；两步之间学习率发生了变化）：
        >>> sgd_momentum([torch.tensor([1.0])], [torch.tensor([2.0])], [None], lr=0.1, momentum=0.9)
        ([tensor([0.8000])], [tensor([2.])])
        >>> sgd_momentum([torch.tensor([0.8])], [torch.tensor([1.0])], [torch.tensor([2.0])], lr=0.05, momentum=0.9)
        ([tensor([0.6600])], [tensor([2.8000])])
    """
    raise NotImplementedError
