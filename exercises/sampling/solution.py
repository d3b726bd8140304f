"""Model solution: keep the k largest logits, divide by the temperature, softmax, draw one token per row."""
import torch


def sample_next_token(logits, temperature=1.0, top_k=None, generator=None):
    if temperature == 0:
        return logits.argmax(dim=-1)                      # greedy: the most likely token
    scaled = logits / temperature                         # T < 1 sharpens, T > 1 flattens
    if top_k is not None and top_k < logits.shape[-1]:
        kth_largest = torch.topk(scaled, top_k, dim=-1).values[..., -1:]
        scaled = scaled.masked_fill(scaled < kth_largest, float("-inf"))   # exp(−∞) = 0: never drawn
    probabilities = torch.softmax(scaled, dim=-1)         # renormalised over the tokens kept
    return torch.multinomial(probabilities, 1, generator=generator).squeeze(-1)
