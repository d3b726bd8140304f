"""Checks for multi_head_attention: the oracle is nn.MultiheadAttention(E, num_heads, batch_first=True)
holding the given parameters (through torch.func.functional_call, so gradients reach them).
Its mask convention is the opposite of ours (True = blocked), hence the ~mask."""
import torch
from hypothesis import strategies as st
from torch import nn

from tutor.content.check_phrases import Phrases
from tutor.grading.spec import Call, Check

say = Phrases(__file__)


class ORACLE:
    @staticmethod
    def multi_head_attention(query, key, value, in_proj_weight, in_proj_bias, out_proj_weight, out_proj_bias,
                             num_heads, mask=None):
        model_dim = query.shape[-1]
        layer = nn.MultiheadAttention(model_dim, num_heads, batch_first=True, dtype=query.dtype, device=query.device)
        params = {"in_proj_weight": in_proj_weight, "in_proj_bias": in_proj_bias,
                  "out_proj.weight": out_proj_weight, "out_proj.bias": out_proj_bias}
        attn_mask = None if mask is None else ~mask
        out, _ = torch.func.functional_call(layer, params, (query, key, value),
                                            {"attn_mask": attn_mask, "need_weights": False})
        return out


def random_mask(t: int, s: int, gen: torch.Generator) -> torch.Tensor:
    """Random True/False with every query row allowed at least one key (else its softmax is 0/0)."""
    mask = torch.rand(t, s, generator=gen) < 0.6
    mask[torch.arange(t), torch.randint(0, s, (t,), generator=gen)] = True
    return mask


def build(p: dict, gen: torch.Generator) -> Call:
    dtype = torch.float32 if p.get("dtype") == "float32" else torch.float64
    b, t, e, h = p["batch"], p["t"], p["e"], p["heads"]
    s = p.get("s", t)
    r = lambda *shape: torch.randn(*shape, generator=gen, dtype=dtype)
    query = r(b, t, e)
    if p.get("self", False):
        key = value = query
    else:
        key, value = r(b, s, e), r(b, s, e)
    weights = (r(3 * e, e) / e ** 0.5, r(3 * e) * 0.1, r(e, e) / e ** 0.5, r(e) * 0.1)
    kwargs = {}
    if p.get("mask") == "causal":
        kwargs["mask"] = torch.tril(torch.ones(t, s, dtype=torch.bool))
    elif p.get("mask") == "random":
        kwargs["mask"] = random_mask(t, s, gen)
    grad_wrt = (0, 3, 4, 5, 6) if p.get("self", False) else (0, 1, 2, 3, 4, 5, 6)
    return Call("multi_head_attention", (query, key, value, *weights, h), kwargs, grad_wrt=grad_wrt,
                describe={"num_heads": h, "head_dim": e // h})


@st.composite
def shapes(draw):
    heads = draw(st.integers(1, 4))
    head_dim = draw(st.integers(1, 3))
    t = draw(st.integers(1, 5))
    self_attention = draw(st.booleans())
    s = t if self_attention else draw(st.integers(1, 6))
    masks = ["none", "random"] + (["causal"] if s == t else [])
    return {"batch": draw(st.integers(1, 3)), "t": t, "s": s, "e": heads * head_dim, "heads": heads,
            "self": self_attention, "mask": draw(st.sampled_from(masks))}


def shape_hint(call: Call, expected: tuple, got: tuple):
    if len(got) == 4:
        return say("the heads were not merged back: transpose (B, h, T, d) to (B, T, h, d), then reshape to (B, T, E)")
    return None


CHECKS = [
    Check("self-attention, 2 heads (B=2, T=3, E=4)", build, function="multi_head_attention",
          cases=[dict(batch=2, t=3, e=4, heads=2, self=True)]),
    Check("cross-attention with T ≠ S and an odd head count (3 heads of 2)", build, function="multi_head_attention",
          cases=[dict(batch=2, t=2, s=5, e=6, heads=3), dict(batch=1, t=4, s=3, e=9, heads=3)]),
    Check("one head, and as many heads as features (d = 1)", build, function="multi_head_attention",
          cases=[dict(batch=2, t=3, s=4, e=4, heads=1), dict(batch=1, t=3, s=2, e=5, heads=5)]),
    Check("a causal mask and a random mask (True = may attend)", build, function="multi_head_attention",
          cases=[dict(batch=2, t=4, e=6, heads=2, self=True, mask="causal"),
                 dict(batch=2, t=3, s=5, e=6, heads=3, mask="random")]),
    Check("random shapes, head counts and masks", build, function="multi_head_attention", strategy=shapes(),
          max_examples=20),
    Check("float32 inputs keep float32", build, function="multi_head_attention",
          cases=[dict(batch=2, t=3, s=4, e=8, heads=4, mask="random", dtype="float32")]),
    Check("gradients match autograd through nn.MultiheadAttention", build, function="multi_head_attention",
          grad=True, cases=[dict(batch=2, t=3, s=4, e=6, heads=3, mask="random"),
                            dict(batch=1, t=4, e=4, heads=2, self=True, mask="causal")]),
]
