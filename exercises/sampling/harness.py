"""Runs in the sandbox with the learner's module (or, in the grader, the oracle / a wrong variant)
as its first argument. It makes the seeded generator, asks the sampler for many draws, and hands
the raw tokens back; every statistic is computed by the grading process (checks.py)."""
import torch


def draw(ns, logits, temperature, top_k, seed: int, rounds: int):
    """The sampler on `rounds` stacked copies of logits (B, V) → rounds·B draws, row b of copy r at
    index r·B + b; then once more with a generator seeded alike, which must give the same tokens.
    The inputs are echoed back: the grading process reads them from its own run of this harness."""
    tiled = logits.repeat(rounds, 1)
    generator = torch.Generator(device=logits.device).manual_seed(seed)
    tokens = ns.sample_next_token(tiled.clone(), temperature, top_k, generator)
    generator = torch.Generator(device=logits.device).manual_seed(seed)
    again = ns.sample_next_token(tiled.clone(), temperature, top_k, generator)
    return {"tokens": tokens, "again": again, "logits": logits, "temperature": temperature, "top_k": top_k,
            "rounds": rounds}
