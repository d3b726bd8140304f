"""缩放点积注意力，Transformer 的核心：softmax(Q·Kᵀ/√d_k)·V。

用矩阵乘法、masked_fill 和 softmax 来写（这里允许使用 torch.softmax）；
F.scaled_dot_product_attention 和 nn.MultiheadAttention 不许使用。

你的函数会被求导：全程留在 torch 中，不要在中途调用 .item()、.numpy() 或 .detach()
（反向穿过它的梯度也会被检查）。
"""
import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    """让每个查询注意每个键；返回上下文向量和权重。

    参数：
        q:    (..., L_q, d_k) 查询（前面可以有任意的批量 / 头维度，也可以没有）。
        k:    (..., L_k, d_k) 键。
        v:    (..., L_k, d_v) 值。
        mask: None，或一个可广播到 (..., L_q, L_k) 的 bool 张量；True = 可以注意，
              False = 掩蔽（F.scaled_dot_product_attention 的约定）。每个查询至少
              可以注意一个键。

    返回：
        (out, weights)：out 为 (..., L_q, d_v)；weights 为 (..., L_q, L_k)，每一行之和为 1，
        在掩码为 False 处恰好为 0。dtype 和 device 与 q 相同。

    示例（即本课中的算例：一个查询，三个键，d_k = 4）：
        >>> q = torch.tensor([[1.0, 0.0, 1.0, 0.0]])
        >>> k = torch.tensor([[1.0, 0.0, 1.0, 0.0], [0.0, 1.0, 0.0, 1.0], [1.0, 1.0, 1.0, 1.0]])
        >>> v = torch.tensor([[1.0, 0.0], [0.0, 1.0], [2.0, 2.0]])
        >>> scaled_dot_product_attention(q, k, v)
        (tensor([[1.2670, 1.0000]]), tensor([[0.4223, 0.1554, 0.4223]]))
        >>> scaled_dot_product_attention(q, k, v, mask=torch.tensor([[True, True, False]]))
        (tensor([[0.7311, 0.2689]]), tensor([[0.7311, 0.2689, 0.0000]]))
    """
    raise NotImplementedError
