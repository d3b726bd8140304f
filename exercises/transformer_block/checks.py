"""Checks for transformer_block: the oracle is nn.TransformerEncoderLayer(E, num_heads, F, dropout=0,
activation="gelu", batch_first=True, norm_first=True) holding the given state_dict (through
torch.func.functional_call), with a causal src_mask (True = blocked, PyTorch's convention) when
causal=True."""
import torch
from hypothesis import strategies as st
from torch import nn

from tutor.grading.compare import tolerances
from tutor.grading.spec import Call, Check


class ORACLE:
    @staticmethod
    def transformer_block(x, params, num_heads, causal=True):
        model_dim, hidden = x.shape[-1], params["linear1.weight"].shape[0]
        layer = nn.TransformerEncoderLayer(model_dim, num_heads, hidden, dropout=0.0, activation="gelu",
                                           batch_first=True, norm_first=True, dtype=x.dtype, device=x.device)
        length = x.shape[1]
        mask = torch.ones(length, length, dtype=torch.bool, device=x.device).triu(1) if causal else None
        return torch.func.functional_call(layer, params, (x,), {"src_mask": mask})


def make_params(model_dim: int, hidden: int, dtype, gen: torch.Generator) -> dict:
    """A state_dict of the layer, every entry random (LayerNorm weights near 1, so nothing is trivial)."""
    r = lambda *shape: torch.randn(*shape, generator=gen, dtype=dtype)
    e, f = model_dim, hidden
    return {"self_attn.in_proj_weight": r(3 * e, e) / e ** 0.5, "self_attn.in_proj_bias": r(3 * e) * 0.1,
            "self_attn.out_proj.weight": r(e, e) / e ** 0.5, "self_attn.out_proj.bias": r(e) * 0.1,
            "linear1.weight": r(f, e) / e ** 0.5, "linear1.bias": r(f) * 0.1,
            "linear2.weight": r(e, f) / f ** 0.5, "linear2.bias": r(e) * 0.1,
            "norm1.weight": 1 + 0.2 * r(e), "norm1.bias": 0.1 * r(e),
            "norm2.weight": 1 + 0.2 * r(e), "norm2.bias": 0.1 * r(e)}


def build(p: dict, gen: torch.Generator) -> Call:
    dtype = torch.float32 if p.get("dtype") == "float32" else torch.float64
    x = torch.randn(p["batch"], p["t"], p["e"], generator=gen, dtype=dtype) * p.get("scale", 1.0)
    params = make_params(p["e"], p["hidden"], dtype, gen)
    return Call("transformer_block", (x, params, p["heads"]), {"causal": p.get("causal", True)}, grad_wrt=(0,),
                describe={"dim_feedforward": p["hidden"]})


@st.composite
def shapes(draw):
    heads = draw(st.integers(1, 3))
    return {"batch": draw(st.integers(1, 2)), "t": draw(st.integers(1, 5)), "e": heads * draw(st.integers(1, 3)),
            "heads": heads, "hidden": draw(st.integers(1, 8)), "causal": draw(st.booleans())}


def diagnose(call: Call, got, expected):
    """The block with no mask at all when causal=True: every position also saw the future."""
    if not call.kwargs.get("causal", True) or not isinstance(got, torch.Tensor) or got.shape != expected.shape:
        return None
    x, params, heads = call.args
    unmasked = ORACLE.transformer_block(x, params, heads, causal=False).detach()
    if torch.allclose(unmasked, expected) or got.dtype != unmasked.dtype:
        return None
    rtol, atol = tolerances(got.dtype, None, None)
    return "mask_not_causal" if torch.allclose(got.detach(), unmasked, rtol=rtol, atol=atol) else None


CHECKS = [
    Check("one block, not causal (B=2, T=3, E=4, 2 heads, feed-forward 8)", build, function="transformer_block",
          cases=[dict(batch=2, t=3, e=4, heads=2, hidden=8, causal=False)]),
    Check("causal: position t sees positions 0 … t", build, function="transformer_block",
          cases=[dict(batch=2, t=4, e=4, heads=2, hidden=8), dict(batch=1, t=5, e=6, heads=3, hidden=5)]),
    Check("a single position, and one head", build, function="transformer_block",
          cases=[dict(batch=2, t=1, e=4, heads=2, hidden=4), dict(batch=1, t=3, e=3, heads=1, hidden=6)]),
    Check("a large residual stream (inputs × 20)", build, function="transformer_block",
          cases=[dict(batch=1, t=4, e=6, heads=2, hidden=12, scale=20.0)]),
    Check("random shapes, causal and not", build, function="transformer_block", strategy=shapes(), max_examples=15),
    Check("float32 inputs keep float32", build, function="transformer_block",
          cases=[dict(batch=2, t=3, e=8, heads=4, hidden=16, dtype="float32")]),
    Check("gradients match autograd through nn.TransformerEncoderLayer", build, function="transformer_block",
          grad=True, cases=[dict(batch=2, t=3, e=4, heads=2, hidden=6)]),
]
