"""从零写出 AdamW 的一步（带解耦权重衰减的 Adam）。

写出 adamw_step，让它完成
    torch.optim.AdamW(params, lr=lr, betas=betas, eps=eps, weight_decay=weight_decay).step()
一次调用所做的事（不含 amsgrad），但要写成纯函数：它接收参数、参数的梯度以及每个参数的状态，
返回新的参数和新的状态。torch.optim.Adam 和 torch.optim.AdamW 不许用。
"""
import math

import torch


def adamw_step(params, grads, states, lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
    """对每个参数张量执行一步 AdamW。

    参数：
        params:       张量列表，当前的参数值（形状任意）。
        grads:        张量列表，每个参数的梯度（形状相同）。
        states:       列表，每个参数一项：该参数第一步之前为 None，之后就是你的函数上一次为它返回的
                      东西。状态里装什么由你决定（dict、tuple……）：评分器从不查看其内容。
        lr:           float，这一步的学习率（每一步都可能不同）。
        betas:        (beta1, beta2)，两个滑动平均的衰减率。
        eps:          为数值稳定而加的 float。
        weight_decay: float；0 表示不衰减。它在两步之间也可能变化。

    返回：
        (new_params, new_states)：两个列表，每个参数一项；每个新参数的形状、dtype 和设备都与旧参数
        相同。不要原地修改输入。

    示例（一个参数，默认的 betas 和 eps）：
        >>> params, states = adamw_step([torch.tensor([1.0])], [torch.tensor([0.5])], [None], lr=0.1,
        ...                             weight_decay=0.5)
        >>> params                        # the first step moves by lr, after the decay shrinks p
        [tensor([0.8500])]
        >>> params, states = adamw_step(params, [torch.tensor([-0.25])], states, lr=0.05, weight_decay=0.5)
        >>> params                        # step 2 continues from the state step 1 returned
        [tensor([0.8154])]

    很小的梯度也能让参数移动（这里没有衰减）：
        >>> adamw_step([torch.tensor([1.0])], [torch.tensor([1e-8])], [None], lr=0.1)[0]
        [tensor([0.9500])]
    """
    raise NotImplementedError
