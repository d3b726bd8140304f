"""从语言模型的 logits 中采样下一个词元：温度、top-k 和贪心解码。

可以用 torch.softmax、torch.topk 和 torch.multinomial。每个随机数都要用给你的生成器来抽取，
这样带种子的生成器每次都会给出相同的词元。
"""
import torch


def sample_next_token(logits, temperature=1.0, top_k=None, generator=None):
    """每行一个词元 id，从最大的 top_k 个 logits 上的 softmax(logits / temperature) 中抽取。

    参数：
        logits:      (B, V)，float32 或 float64，每个序列一行，是对 V 个词元的打分。
        temperature: 一个 ≥ 0 的浮点数。0 表示贪心解码：返回每一行的 argmax（某一行
                     有多个最大值时，返回其中任何一个都对）。
        top_k:       None（保留所有词元）或一个 ≥ 1 的整数：每一行只有最大的 k 个 logits
                     可以被抽到（它们的概率重新归一化）。k 可以超过 V：这时保留所有词元。
        generator:   一个 torch.Generator（或 None，表示用全局生成器）：把它传给采样调用。

    返回：
        (B,)，int64 词元 id，位于 logits 所在的 device 上。

    对一行 logits [2, 1, 0, -1]，各分布为：
        T = 1:            概率 [0.6439, 0.2369, 0.0871, 0.0321]
        T = 0.5:          [0.8650, 0.1171, 0.0158, 0.0021]      （logits / 0.5 = [4, 2, 0, -2]）
        T = 1, top_k = 2: [0.7311, 0.2689, 0, 0]
    评分依据是大量采样的频率，拿它们与这些分布对照检查。

    答案不取决于随机采样结果的示例：
        >>> sample_next_token(torch.tensor([[2.0, 1.0, 0.0, -1.0], [0.0, 3.0, 5.0, 1.0]]), temperature=0)
        tensor([0, 2])
        >>> g = torch.Generator().manual_seed(0)
        >>> many = torch.tensor([[0.0, 2.0, 0.0]]).repeat(1000, 1)      # one row, 1000 times
        >>> sample_next_token(many, temperature=0.01, generator=g).bincount(minlength=3)   # nearly greedy
        tensor([   0, 1000,    0])
        >>> low = torch.tensor([[-20.0, -30.0, -40.0]]).repeat(1000, 1)  # every logit negative
        >>> sample_next_token(low, top_k=1, generator=g).bincount(minlength=3)   # only the largest
        tensor([1000,    0,    0])
    """
    raise NotImplementedError
