"""Checks for attention: the oracle is F.scaled_dot_product_attention. Its weights come from the
same function with v = the identity matrix (weights @ I = weights), so both outputs are live PyTorch."""
import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from tutor.content.check_phrases import Phrases
from tutor.grading.spec import Call, Check

say = Phrases(__file__)


class ORACLE:
    @staticmethod
    def scaled_dot_product_attention(q, k, v, mask=None):
        out = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
        length = k.shape[-2]
        identity = torch.eye(length, dtype=q.dtype, device=q.device).expand(*k.shape[:-2], length, length)
        weights = F.scaled_dot_product_attention(q, k, identity, attn_mask=mask)
        return out, weights


def lesson_example(p: dict, gen: torch.Generator) -> Call:
    t = lambda v: torch.tensor(v, dtype=torch.float64)
    q, k = t([[1.0, 0, 1, 0]]), t([[1.0, 0, 1, 0], [0, 1, 0, 1], [1, 1, 1, 1]])
    v = t([[1.0, 0], [0, 1], [2, 2]])
    kwargs = {"mask": torch.tensor([[True, True, False]])} if p.get("mask") else {}
    return Call("scaled_dot_product_attention", (q, k, v), kwargs)


def make_mask(kind: str, batch: tuple, lq: int, lk: int, gen: torch.Generator):
    """A mask in which every query may attend to at least one key and (when it can) is blocked
    from at least one, so that both the mask and its inverse leave every row something to see."""
    if kind == "causal":
        return torch.tril(torch.ones(lq, lk, dtype=torch.bool))
    if kind == "padding":          # (B…, 1, L_k): the last keys of each sequence are padding
        valid = torch.randint(1, max(lk, 2), (*batch, 1, 1), generator=gen)
        return torch.arange(lk).expand(*batch, 1, lk) < valid.clamp(max=lk)
    shape = (lq, lk) if kind == "shared" else (*batch, lq, lk)
    mask = torch.rand(*shape, generator=gen) < 0.5
    if lk >= 2:
        allowed = torch.randint(0, lk, shape[:-1], generator=gen)
        blocked = (allowed + torch.randint(1, lk, shape[:-1], generator=gen)) % lk
        mask.scatter_(-1, allowed.unsqueeze(-1), True)
        mask.scatter_(-1, blocked.unsqueeze(-1), False)
    else:
        mask[...] = True
    return mask


def build(p: dict, gen: torch.Generator) -> Call:
    dtype = torch.float32 if p.get("dtype") == "float32" else torch.float64
    batch, lq, lk, d, dv = tuple(p.get("batch", ())), p["lq"], p["lk"], p["d"], p["dv"]
    r = lambda *shape: torch.randn(*shape, generator=gen, dtype=dtype)
    scale = p.get("scale", 1.0)
    q, k, v = r(*batch, lq, d) * scale, r(*batch, lk, d) * scale, r(*batch, lk, dv)
    kwargs = {}
    if p.get("mask", "none") != "none":
        kwargs["mask"] = make_mask(p["mask"], batch, lq, lk, gen)
    return Call("scaled_dot_product_attention", (q, k, v), kwargs, grad_wrt=(0, 1, 2))


@st.composite
def shapes(draw):
    lq, lk = draw(st.integers(1, 5)), draw(st.integers(1, 6))
    kinds = ["none", "full", "shared", "padding"] + (["causal"] if lq == lk else [])
    return {"batch": draw(st.sampled_from([[], [2], [2, 2], [1, 3]])), "lq": lq, "lk": lk,
            "d": draw(st.integers(2, 6)), "dv": draw(st.integers(1, 4)), "mask": draw(st.sampled_from(kinds))}


def shape_hint(call: Call, expected: tuple, got: tuple):
    if len(got) >= 2 and len(expected) >= 2 and got[-1] == expected[-2] and got[-2] == expected[-1]:
        return say("the weights are (…, L_q, L_k): one row per query")
    return None


CHECKS = [
    Check("the lesson's worked example (d_k = 4)", lesson_example, function="scaled_dot_product_attention",
          cases=[{}]),
    Check("batched queries, keys and values (B, L, d)", build, function="scaled_dot_product_attention",
          cases=[dict(batch=[2], lq=3, lk=4, d=8, dv=2), dict(batch=[2, 3], lq=4, lk=2, d=5, dv=3)]),
    Check("the lesson's padding mask (True = may attend)", lesson_example, function="scaled_dot_product_attention",
          cases=[dict(mask=True)]),
    Check("random masks, padding masks and causal masks", build, function="scaled_dot_product_attention",
          cases=[dict(batch=[2], lq=4, lk=5, d=4, dv=3, mask="full"),
                 dict(batch=[3], lq=3, lk=6, d=4, dv=2, mask="padding"),
                 dict(batch=[2], lq=5, lk=5, d=6, dv=2, mask="causal")]),
    Check("random shapes and masks", build, function="scaled_dot_product_attention", strategy=shapes(),
          max_examples=20),
    Check("large scores: the softmax must not overflow", build, function="scaled_dot_product_attention",
          cases=[dict(batch=[2], lq=3, lk=4, d=4, dv=2, scale=25.0, mask="full")]),
    Check("float32 inputs keep float32", build, function="scaled_dot_product_attention",
          cases=[dict(batch=[2, 2], lq=3, lk=4, d=8, dv=4, dtype="float32", mask="shared")]),
    Check("gradients match autograd through F.scaled_dot_product_attention", build,
          function="scaled_dot_product_attention", grad=True,
          cases=[dict(batch=[2], lq=3, lk=4, d=4, dv=3, mask="full")]),
]
