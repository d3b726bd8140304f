"""Runs in the sandbox with the learner's module (or, in the grader, the oracle / a wrong variant)
as its first argument. It makes the seeded generator, asks the sampler for many draws, and hands
the raw tokens back; every statistic is computed by the grading process (checks.py)."""
import torch


def draw(ns, logits, temperature, top_k, seed: int, rounds: int):
    """The sampler on `rounds` stacked copies of logits (B, V) → rounds·B draws, row b of copy r at
    index r·B + b. Then twice more on a few copies, with generators seeded alike: those two calls
    must give the same tokens. The inputs are echoed back: the grading process reads them from its
    own run of this harness."""
    def sample(copies: int, seed: int):
        generator = torch.Generator(device=logits.device).manual_seed(seed)
        return ns.sample_next_token(logits.repeat(copies, 1), temperature, top_k, generator)

    tokens = sample(rounds, seed)
    replay = [sample(REPLAY_COPIES, seed + 1), sample(REPLAY_COPIES, seed + 1)]
    return {"tokens": tokens, "again": replay, "logits": logits, "temperature": temperature, "top_k": top_k,
            "rounds": rounds}


REPLAY_COPIES = 20
