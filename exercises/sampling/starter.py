"""Sampling the next token from a language model's logits: temperature, top-k and greedy decoding.

torch.softmax, torch.topk and torch.multinomial are allowed. Draw every random number with the
generator you are given, so that a seeded generator gives the same tokens every time.
"""
import torch


def sample_next_token(logits, temperature=1.0, top_k=None, generator=None):
    """One token id per row, drawn from softmax(logits / temperature) over the top_k largest logits.

    Args:
        logits:      (B, V) float32 or float64, one row of scores over the V tokens per sequence.
        temperature: a float ≥ 0. 0 means greedy decoding: return each row's argmax (when a row
                     has several maxima, any of them is right).
        top_k:       None (keep every token) or an int ≥ 1: only the k largest logits of each
                     row may be drawn (their probabilities renormalised). k may exceed V: then
                     every token is kept.
        generator:   a torch.Generator (or None for the global one): pass it to the sampling call.

    Returns:
        (B,) int64 token ids, on logits' device.

    The distributions, for one row of logits [2, 1, 0, -1]:
        T = 1:            probabilities [0.6439, 0.2369, 0.0871, 0.0321]
        T = 0.5:          [0.8650, 0.1171, 0.0158, 0.0021]      (logits / 0.5 = [4, 2, 0, -2])
        T = 1, top_k = 2: [0.7311, 0.2689, 0, 0]
    Graded by the frequencies of many draws, checked against these distributions.

    Examples whose answer does not depend on the random draws:
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
