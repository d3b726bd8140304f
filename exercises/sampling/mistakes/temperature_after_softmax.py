"""Mistake: the probabilities divided by the temperature (after the softmax) instead of the logits:
torch.multinomial renormalises the weights, so the temperature has no effect at all."""
import torch


def sample_next_token(logits, temperature=1.0, top_k=None, generator=None):
    if temperature == 0:
        return logits.argmax(dim=-1)
    scaled = logits
    if top_k is not None and top_k < logits.shape[-1]:
        kth_largest = torch.topk(scaled, top_k, dim=-1).values[..., -1:]
        scaled = scaled.masked_fill(scaled < kth_largest, float("-inf"))
    probabilities = torch.softmax(scaled, dim=-1) / temperature
    return torch.multinomial(probabilities, 1, generator=generator).squeeze(-1)
