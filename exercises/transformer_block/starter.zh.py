"""pre-LN Transformer 块，与 nn.TransformerEncoderLayer(norm_first=True) 的计算一致。

可以用 F.layer_norm、F.gelu、F.linear 和 torch.softmax；不许使用 nn.TransformerEncoderLayer、
nn.MultiheadAttention 和 F.multi_head_attention_forward。
你的函数会被求导：全程留在 torch 中，不要在中途调用 .item()、.numpy() 或 .detach()。
"""
import math

import torch


def transformer_block(x, params, num_heads, causal=True):
    """一个块：先算 x + SelfAttention(LN₁(x))，记为 that，再算 that + MLP(LN₂(that))。

    参数：
        x:         (B, T, E) 残差流；float32 或 float64，任意 device。
        params:    nn.TransformerEncoderLayer(E, num_heads, F, dropout=0,
                   activation="gelu", batch_first=True, norm_first=True) 的 state_dict()，一个张量字典：
                     "self_attn.in_proj_weight" (3E, E)，"self_attn.in_proj_bias" (3E,)
                         ——查询、键、值依次堆叠，与 multi_head_attention 练习相同
                     "self_attn.out_proj.weight" (E, E)，"self_attn.out_proj.bias" (E,)
                     "linear1.weight" (F, E)，"linear1.bias" (F,)     MLP 的第一层
                     "linear2.weight" (E, F)，"linear2.bias" (E,)     以及第二层
                     "norm1.weight"、"norm1.bias"、"norm2.weight"、"norm2.bias" (E,)
                   LayerNorm 的 eps 为 1e-5；GELU 是精确版本 x·Φ(x)（用 erf 计算）。
        num_heads: 能整除 E 的整数。
        causal:    True：位置 t 只注意位置 0 … t。False：注意每个位置。

    返回：
        (B, T, E)，dtype 和 device 与 x 相同。

    示例，E = 2，F = 3，一个头，B = 1，T = 2。先让每个权重和偏置都为 0、LayerNorm 的
    权重为 1：两个子层都往残差流上加 0，所以 x 原样返回。
        >>> params = {"self_attn.in_proj_weight": torch.zeros(6, 2),
        ...           "self_attn.in_proj_bias": torch.zeros(6),
        ...           "self_attn.out_proj.weight": torch.zeros(2, 2),
        ...           "self_attn.out_proj.bias": torch.zeros(2),
        ...           "linear1.weight": torch.zeros(3, 2), "linear1.bias": torch.zeros(3),
        ...           "linear2.weight": torch.zeros(2, 3), "linear2.bias": torch.zeros(2),
        ...           "norm1.weight": torch.ones(2), "norm1.bias": torch.zeros(2),
        ...           "norm2.weight": torch.ones(2), "norm2.bias": torch.zeros(2)}
        >>> x = torch.tensor([[[1.0, 2.0], [5.0, 3.0]]])
        >>> transformer_block(x, params, num_heads=1)
        tensor([[[1., 2.],
                 [5., 3.]]])

    现在让值就是 LN₁(x) 本身（≈ [−1, 1] 和 [1, −1]），输出投影为恒等映射；查询和键仍为 0，
    所以一个位置对它能看到的每个键给予相同的权重：
        >>> params["self_attn.in_proj_weight"] = torch.cat([torch.zeros(4, 2), torch.eye(2)])
        >>> params["self_attn.out_proj.weight"] = torch.eye(2)
        >>> transformer_block(x, params, num_heads=1)                 # causal: position 0 sees itself
        tensor([[[0.0000, 3.0000],
                 [5.0000, 3.0000]]])
        >>> transformer_block(x, params, num_heads=1, causal=False)   # both see both: they average to 0
        tensor([[[1.0000, 2.0000],
                 [5.0000, 3.0000]]])
    """
    raise NotImplementedError
