"""多头注意力：num_heads 个维度为 E / num_heads 的注意力并排运行。

用矩阵乘法、reshape/transpose、masked_fill 和 softmax（可以用 torch.softmax）来写。不许使用
nn.MultiheadAttention、F.multi_head_attention_forward 和 F.scaled_dot_product_attention。
你的函数会被求导：全程留在 torch 中，不要在中途调用 .item()、.numpy() 或 .detach()。
"""
import math

import torch


def multi_head_attention(query, key, value, in_proj_weight, in_proj_bias, out_proj_weight, out_proj_bias,
                         num_heads, mask=None):
    """nn.MultiheadAttention(E, num_heads, batch_first=True) 用这些参数计算出的结果。

    参数：
        query:  (B, T, E) 发出查询的位置。
        key:    (B, S, E) 被查看的位置（S 可以与 T 不同）。
        value:  (B, S, E) 从这些位置读取的内容。对自注意力而言，query、key 和 value 是
                同一个张量。
        in_proj_weight: (3E, E)，三个 (E, E) 块堆叠而成：先是查询，然后是键，最后是值。
        in_proj_bias:   (3E,)，按同样的方式拆分。
        out_proj_weight: (E, E) 和 out_proj_bias: (E,)，在合并各个头之后使用。
        num_heads: 能整除 E 的整数；每个头有 d = E // num_heads 个特征。
        mask:   None，或一个由每个批量元素和每个头共用的布尔张量 (T, S)：True 表示可以注意
                （与注意力那个练习一致）。每个查询至少能注意到一个键。

    返回：
        (B, T, E)，dtype 和 device 与 query 相同（只返回输出，不返回注意力权重）。

    示例：E = 4，num_heads = 2（d = 2），每个投影都是恒等映射、每个偏置都是 0，所以
    头 0 用每个位置的特征 0–1 做注意力，头 1 用特征 2–3；在 B = 1、T = 3 个位置上做自注意力：
        >>> x = torch.tensor([[[2.0, 0.0, 0.0, 1.0], [0.0, 1.0, 2.0, 0.0], [1.0, 0.0, 0.0, 0.0]]])
        >>> eye = torch.eye(4)
        >>> w_in, b_in = torch.cat([eye, eye, eye]), torch.zeros(12)     # queries = keys = values = x
        >>> multi_head_attention(x, x, x, w_in, b_in, eye, torch.zeros(4), num_heads=2)
        tensor([[[1.7225, 0.0454, 0.4965, 0.5035],
                 [0.7448, 0.5035, 1.7886, 0.0529],
                 [1.4359, 0.1400, 0.6667, 0.3333]]])

    加上因果掩码（位置 t 可以注意位置 0 … t），位置 0 只读取它自己：
        >>> causal = torch.tensor([[True, False, False], [True, True, False], [True, True, True]])
        >>> multi_head_attention(x, x, x, w_in, b_in, eye, torch.zeros(4), num_heads=2, mask=causal)
        tensor([[[2.0000, 0.0000, 0.0000, 1.0000],
                 [0.6605, 0.6698, 1.8884, 0.0558],
                 [1.4359, 0.1400, 0.6667, 0.3333]]])
    """
    raise NotImplementedError
