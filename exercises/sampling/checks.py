"""Checks for sampling, graded by the distribution of many draws.

The harness (run in the sandbox) seeds a torch.Generator and calls the learner's sampler on
ROUNDS stacked copies of each logits row; the raw tokens come back here, and every statistic is
computed in this process from inputs this process made.

The test. For each row, the target distribution is softmax(logits / T) restricted to the top k
(renormalised), computed here in float64 with live PyTorch. A token of probability 0 (outside the
top k) that is drawn at all fails at once. Otherwise the row's n draws are compared with the
target by the likelihood-ratio form of the chi-square goodness-of-fit test,
G = 2·Σ O·ln(O / E) = 2n·KL(empirical ‖ target). Its threshold does not lean on the asymptotic χ²
tail: by the method of types (Cover & Thomas, Thm 11.1.4), for ANY n and k,
    P(KL(empirical ‖ target) ≥ ε) ≤ C(n+k−1, k−1) · e^(−n·ε),
so a correct sampler crosses G ≥ 2·(ln C(n+k−1, k−1) + ln(1/ALPHA)) with probability at most
ALPHA = 1e-11 per row. A grading run tests at most MAX_ROW_TESTS = 60 rows (tests/test_lesson_
transformers.py counts them), so a correct sampler fails a run with probability below
60 · 1e-11 = 6e-10 < 1e-9. At T = 0 (and top_k = 1) the answer is deterministic: every draw must
be an argmax of its row (any of them when several logits tie).
"""
import math

import torch
from hypothesis import strategies as st

from tutor.content.check_phrases import Phrases
from tutor.grading.spec import Call, Check

say = Phrases(__file__)

ALPHA = 1e-11
MAX_ROW_TESTS = 60
ROUNDS = 800           # draws per logits row: enough to name every mistake, few enough for a loop per row


class ORACLE:
    @staticmethod
    def sample_next_token(logits, temperature=1.0, top_k=None, generator=None):
        if temperature == 0:
            return logits.argmax(dim=-1)
        probabilities = target_distribution(logits, temperature, top_k).to(logits.device)
        return torch.multinomial(probabilities, 1, generator=generator).squeeze(-1)


def target_distribution(logits: torch.Tensor, temperature: float, top_k, multiply: bool = False,
                        after_softmax: bool = False, fill_zero: bool = False) -> torch.Tensor:
    """softmax(logits / T) over the top k, in float64. The flags give the named mistakes' distributions."""
    z = logits.detach().double().cpu()
    if not after_softmax:
        z = z * temperature if multiply else z / temperature
    if top_k is not None and top_k < z.shape[-1]:
        kept = torch.zeros_like(z, dtype=torch.bool).scatter(-1, torch.topk(z, top_k, dim=-1).indices, True)
        z = z.masked_fill(~kept, 0.0 if fill_zero else float("-inf"))
    return torch.softmax(z, dim=-1)


def log_type_count(n: int, k: int) -> float:
    """ln C(n+k−1, k−1): how many empirical distributions n draws over k tokens can give."""
    return math.lgamma(n + k) - math.lgamma(k) - math.lgamma(n + 1)


def g_threshold(n: int, k: int, alpha: float = ALPHA) -> float:
    return 2 * (log_type_count(n, k) + math.log(1 / alpha))


def g_statistic(counts: torch.Tensor, probabilities: torch.Tensor) -> float:
    n = counts.sum()
    seen = counts > 0
    return float(2 * (counts[seen] * torch.log(counts[seen] / (n * probabilities[seen]))).sum())


def row_counts(tokens: torch.Tensor, rows: int, vocabulary: int) -> torch.Tensor:
    """(rows, V) float64 counts: draw r·rows + b belongs to row b."""
    by_row = tokens.reshape(-1, rows).T
    return torch.stack([torch.bincount(row, minlength=vocabulary) for row in by_row]).double()


def malformed(tokens, rows: int, vocabulary: int, what: str) -> str | None:
    if not isinstance(tokens, torch.Tensor):
        return say("{what}: expected a tensor of token ids, got {kind}", what=what, kind=type(tokens).__name__)
    if tuple(tokens.shape) != (rows,):
        hint = (say(" — torch.multinomial(probabilities, 1) returns (B, 1): squeeze the last dimension")
                if tuple(tokens.shape) == (rows, 1) else "")
        return say("{what}: expected shape ({rows},), one token per row of logits, got {shape}{hint}",
                   what=what, rows=rows, shape=tuple(tokens.shape), hint=hint)
    if tokens.dtype != torch.int64:
        return say("{what}: expected dtype int64 (token ids), got {dtype}", what=what,
                   dtype=str(tokens.dtype).replace("torch.", ""))
    if rows and (int(tokens.min()) < 0 or int(tokens.max()) >= vocabulary):
        return say("{what}: token ids must lie in 0 … {last}, got {low} … {high}", what=what, last=vocabulary - 1,
                   low=int(tokens.min()), high=int(tokens.max()))
    return None


def judge(expected: dict, got: dict) -> str | None:
    logits, temperature, top_k, rounds = expected["logits"], expected["temperature"], expected["top_k"], expected["rounds"]
    rows, vocabulary = logits.shape
    if not isinstance(got, dict) or "tokens" not in got:
        return say("the harness got no tokens back from sample_next_token")
    tokens, again = got["tokens"], got["again"]
    problem = malformed(tokens, rows * rounds, vocabulary, say("the tokens"))
    if problem:
        return problem
    tokens = tokens.cpu()
    replayed = [t.cpu() if isinstance(t, torch.Tensor) else t for t in again]
    if not all(isinstance(t, torch.Tensor) for t in replayed) or not torch.equal(replayed[0], replayed[1]):
        return say("two calls with generators seeded alike gave different tokens: draw with the generator you are "
                   "given (torch.multinomial(…, generator=generator)), not with the global random state")
    setting = f"T = {temperature}, top_k = {top_k}"
    if temperature == 0 or top_k == 1:
        best = logits.double().cpu().max(dim=-1, keepdim=True).values
        is_max = (logits.double().cpu() == best).repeat(rounds, 1)
        picked = is_max.gather(1, tokens[:, None]).squeeze(1)
        if not bool(picked.all()):
            where = int((~picked).nonzero()[0])
            row = where % rows
            return say("with {setting} the answer is the argmax of each row, every time; for logits row {row} "
                       "{logits} you returned token {token}", setting=setting, row=row,
                       logits=[round(v, 4) for v in logits[row].tolist()], token=int(tokens[where]))
        return None
    target = target_distribution(logits, temperature, top_k)
    counts = row_counts(tokens, rows, vocabulary)
    for row in range(rows):
        impossible = (counts[row] > 0) & (target[row] == 0)
        if bool(impossible.any()):
            token = int(impossible.nonzero()[0])
            return say("with {setting}, token {token} of row {row} is outside the top {top_k} and must never be "
                       "drawn, but it came up {count} times in {rounds} draws", setting=setting, token=token, row=row,
                       top_k=top_k, count=int(counts[row, token]), rounds=rounds)
        support = int((target[row] > 0).sum())
        g = g_statistic(counts[row], target[row])
        if g > g_threshold(rounds, support):
            frequencies = (counts[row] / rounds).tolist()
            worst = sorted(range(vocabulary), key=lambda j: -abs(frequencies[j] - float(target[row, j])))[:4]
            table = say(", ").join(say("token {j}: {drawn:.3f} drawn vs {expected:.3f} expected", j=j,
                                  drawn=frequencies[j], expected=float(target[row, j])) for j in sorted(worst))
            return say("with {setting}, row {row}'s {rounds} draws do not follow softmax(logits / T) over the top k "
                       "(G = {g:.0f}, threshold {threshold:.0f}: a right sampler goes this far less than once in "
                       "10¹¹ runs). {table}", setting=setting, row=row, rounds=rounds, g=g,
                       threshold=g_threshold(rounds, support), table=table)
    return None


MISTAKE_DISTRIBUTIONS = {
    "temperature_multiplies": {"multiply": True},
    "temperature_after_softmax": {"after_softmax": True},
    "topk_fills_zero": {"fill_zero": True},
}


def diagnose(call: Call, got, expected):
    """Name the mistake whose distribution the draws follow (same test, same threshold); when several
    fit, the one that fits best (the largest likelihood, i.e. the smallest G)."""
    logits, temperature, top_k, _, rounds = call.args
    if temperature == 0 or not isinstance(got, dict) or malformed(got.get("tokens"), len(logits) * rounds,
                                                                   logits.shape[-1], "tokens"):
        return None
    counts = row_counts(got["tokens"].cpu(), len(logits), logits.shape[-1])
    right = target_distribution(logits, temperature, top_k)
    fits = {}
    for mistake, flags in MISTAKE_DISTRIBUTIONS.items():
        wrong = target_distribution(logits, temperature, top_k, **flags)
        if torch.allclose(wrong, right, atol=1e-3):
            continue  # this case cannot tell the mistake from the right answer
        if any(bool(((counts[r] > 0) & (wrong[r] == 0)).any()) for r in range(len(logits))):
            continue
        statistics = [g_statistic(counts[r], wrong[r]) for r in range(len(logits))]
        if all(g <= g_threshold(rounds, int((wrong[r] > 0).sum())) for r, g in enumerate(statistics)):
            fits[mistake] = sum(statistics)
    return min(fits, key=fits.get) if fits else None


def build(p: dict, gen: torch.Generator) -> Call:
    dtype = torch.float32 if p.get("dtype") == "float32" else torch.float64
    if "logits" in p:
        logits = torch.tensor(p["logits"], dtype=dtype)
    else:
        logits = (torch.randn(p["rows"], p["vocabulary"], generator=gen, dtype=torch.float64) * p.get("spread", 1.5)).to(dtype)
    top_k = p.get("top_k")
    if top_k is not None and top_k < logits.shape[-1]:
        ordered = logits.double().sort(dim=-1, descending=True).values
        assert bool((ordered[:, top_k - 1] > ordered[:, top_k]).all()), "a tie at the top-k boundary is ambiguous"
    seed = int(torch.randint(0, 2**62, (1,), generator=gen))
    return Call("draw", (logits, p.get("temperature", 1.0), top_k, seed, p.get("rounds", ROUNDS)), harness=True,
                describe={"temperature": p.get("temperature", 1.0), "top_k": top_k})


@st.composite
def settings(draw):
    vocabulary = draw(st.integers(2, 10))
    return {"rows": draw(st.integers(1, 2)), "vocabulary": vocabulary,
            "temperature": draw(st.sampled_from([0.0, 0.5, 1.0, 2.0])),
            "top_k": draw(st.one_of(st.none(), st.integers(1, vocabulary + 2)))}


LESSON_LOGITS = [[2.0, 1.0, 0.0, -1.0]]

CHECKS = [
    Check("T = 1, no top-k: draws follow softmax(logits)", build, function="sample_next_token", compare_output=judge,
          cases=[dict(logits=LESSON_LOGITS), dict(rows=3, vocabulary=6)]),
    Check("T = 0 is the argmax (ties: any of the maxima)", build, function="sample_next_token", compare_output=judge,
          cases=[dict(logits=[[0.5, 3.0, -1.0], [1.0, 3.0, 3.0]], temperature=0.0, rounds=50),
                 dict(logits=[[0.5, 3.0, -1.0, 2.0]], temperature=0.0, top_k=2, rounds=50)]),
    Check("temperature: T = 0.5 sharpens, T = 2 flattens", build, function="sample_next_token", compare_output=judge,
          cases=[dict(logits=LESSON_LOGITS, temperature=0.5), dict(logits=LESSON_LOGITS, temperature=2.0)]),
    Check("top-k keeps the k most likely tokens, renormalised", build, function="sample_next_token",
          compare_output=judge, cases=[dict(logits=[[2.0, -1.0, 1.0, 0.0, 0.5]], top_k=2),
                                       dict(rows=2, vocabulary=8, top_k=3, temperature=2.0),
                                       dict(logits=[[0.0, 1.0, 5.0]], top_k=1, temperature=1.0, rounds=50)]),
    Check("ties: equal logits are drawn equally often", build, function="sample_next_token", compare_output=judge,
          cases=[dict(logits=[[1.0, 3.0, 3.0, 0.0, 3.0]], top_k=3), dict(logits=[[0.0, 0.0, 0.0, 0.0]])]),
    Check("top_k ≥ the vocabulary keeps every token", build, function="sample_next_token", compare_output=judge,
          cases=[dict(logits=LESSON_LOGITS, top_k=4), dict(logits=LESSON_LOGITS, top_k=9, temperature=0.5)]),
    Check("large logits: the softmax must not overflow", build, function="sample_next_token", compare_output=judge,
          cases=[dict(logits=[[1000.0, 999.0, 998.0, -1000.0]], temperature=0.5)]),
    Check("random logits, temperatures and k", build, function="sample_next_token", compare_output=judge,
          strategy=settings(), max_examples=5),
    Check("float32 logits", build, function="sample_next_token", compare_output=judge,
          cases=[dict(rows=2, vocabulary=5, temperature=0.7, top_k=4, dtype="float32")]),
]
