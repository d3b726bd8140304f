"""Checks for positional_encoding.

sinusoidal_encoding: the oracle evaluates the formula column by column, PE[p, c] = sin or cos
(p · e^(−2i·ln(10000)/dim)) with i = c // 2, in float64 (no library has this function).
apply_rope: the oracle follows the RoFormer definition — every pair of features is a complex
number rotated by e^(i·p·θ_j), θ_j = base^(−2j/D) — with the rotate-half pairing (j with j + D/2),
computed with complex arithmetic rather than the cos/sin formula a learner writes. A last check
tests the property RoPE exists for: q·k after the rotation depends only on the offset m − n.
"""
import math

import torch
from hypothesis import strategies as st

from tutor.content.check_phrases import Phrases
from tutor.grading.spec import Call, Check

say = Phrases(__file__)


class ORACLE:
    @staticmethod
    def sinusoidal_encoding(seq_len, dim):
        column = torch.arange(dim, dtype=torch.float64)
        pair = torch.div(column, 2, rounding_mode="floor")
        frequency = torch.exp(-2 * pair * math.log(10000.0) / dim)
        angle = torch.arange(seq_len, dtype=torch.float64)[:, None] * frequency
        encoding = torch.where(column % 2 == 0, torch.sin(angle), torch.cos(angle))
        return encoding.to(torch.get_default_dtype())

    @staticmethod
    def apply_rope(x, base=10000.0):
        seq_len, dim = x.shape[-2], x.shape[-1]
        half = dim // 2
        complex_dtype = torch.complex128 if x.dtype == torch.float64 else torch.complex64
        pairs = torch.complex(x[..., :half], x[..., half:])                       # z_j = x_j + i·x_{j+D/2}
        theta = torch.tensor([base ** (-2.0 * j / dim) for j in range(half)], dtype=torch.float64)
        angle = torch.arange(seq_len, dtype=torch.float64)[:, None] * theta
        rotation = torch.polar(torch.ones_like(angle), angle).to(complex_dtype).to(x.device)
        rotated = pairs * rotation                                                # z_j · e^(i·p·θ_j)
        return torch.cat([rotated.real, rotated.imag], dim=-1)


def encoding_call(p: dict, gen: torch.Generator) -> Call:
    return Call("sinusoidal_encoding", (p["seq_len"], p["dim"]))


def rope_call(p: dict, gen: torch.Generator) -> Call:
    dtype = torch.float32 if p.get("dtype") == "float32" else torch.float64
    x = torch.randn(p["batch"], p["heads"], p["t"], p["d"], generator=gen, dtype=dtype)
    kwargs = {"base": p["base"]} if "base" in p else {}
    return Call("apply_rope", (x,), kwargs, grad_wrt=(0,))


def relative_call(p: dict, gen: torch.Generator) -> Call:
    """x[0] holds one vector q at every position, x[1] one vector k: after RoPE, row m of x[0]
    dotted with row n of x[1] must depend on m − n only."""
    q, k = torch.randn(2, 1, 1, p["d"], generator=gen, dtype=torch.float64).unbind(0)
    x = torch.cat([q.expand(1, 1, p["t"], p["d"]), k.expand(1, 1, p["t"], p["d"])]).contiguous()
    return Call("apply_rope", (x,), {}, describe={"inputs": say("x[0] = one vector q at every position, x[1] = one k")})


def relative_only(expected, got) -> str | None:
    if not isinstance(got, torch.Tensor) or got.shape != expected.shape:
        shape = tuple(got.shape) if isinstance(got, torch.Tensor) else type(got).__name__
        return say("expected a tensor of shape {expected}, got {shape}", expected=tuple(expected.shape), shape=shape)
    scores = got[0, 0].double() @ got[1, 0].double().T               # scores[m, n] = q_m · k_n
    length = scores.shape[0]
    for offset in range(-(length - 1), length):
        diagonal = torch.diagonal(scores, offset)
        if not torch.allclose(diagonal, diagonal[:1].expand_as(diagonal), rtol=1e-6, atol=1e-8):
            m0, n0 = (0, offset) if offset >= 0 else (-offset, 0)
            return say("q·k after your rotation depends on where the pair sits, not only on the offset: with n − m = "
                       "{offset}, positions (m={m0}, n={n0}) give {first:.6f} but (m={m1}, n={n1}) give "
                       "{second:.6f}. Both vectors must turn by p·θ_j at position p, with the same θ_j "
                       "for q and k.", offset=offset, m0=m0, n0=n0, first=float(diagonal[0]), m1=m0 + 1, n1=n0 + 1,
                       second=float(diagonal[1]))
    return None


@st.composite
def encoding_shapes(draw):
    return {"seq_len": draw(st.integers(1, 40)), "dim": 2 * draw(st.integers(1, 12))}


@st.composite
def rope_shapes(draw):
    return {"batch": draw(st.integers(1, 2)), "heads": draw(st.integers(1, 3)), "t": draw(st.integers(1, 8)),
            "d": 2 * draw(st.integers(1, 5)), "base": draw(st.sampled_from([10000.0, 100.0, 500000.0]))}


CHECKS = [
    Check("sinusoidal: 4 positions, dim 6", encoding_call, function="sinusoidal_encoding",
          cases=[dict(seq_len=4, dim=6)]),
    Check("sinusoidal: one position, dim 2, and 50 positions, dim 16", encoding_call,
          function="sinusoidal_encoding", cases=[dict(seq_len=1, dim=2), dict(seq_len=50, dim=16)]),
    Check("sinusoidal: random lengths and even dims", encoding_call, function="sinusoidal_encoding",
          strategy=encoding_shapes(), max_examples=15),
    Check("RoPE: (B, H, T, D) = (2, 3, 5, 8)", rope_call, function="apply_rope",
          cases=[dict(batch=2, heads=3, t=5, d=8)]),
    Check("RoPE: another base (100), D = 2 and T = 1", rope_call, function="apply_rope",
          cases=[dict(batch=1, heads=2, t=6, d=4, base=100.0), dict(batch=2, heads=1, t=4, d=2),
                 dict(batch=1, heads=1, t=1, d=6)]),
    Check("RoPE: random shapes and bases", rope_call, function="apply_rope", strategy=rope_shapes(),
          max_examples=15),
    Check("RoPE: float32 inputs keep float32", rope_call, function="apply_rope",
          cases=[dict(batch=2, heads=2, t=7, d=6, dtype="float32")]),
    Check("RoPE: q·k after the rotation depends only on the offset m − n", relative_call,
          function="apply_rope", cases=[dict(t=7, d=8), dict(t=5, d=2)], compare_output=relative_only),
    Check("RoPE: gradients match autograd through the rotation", rope_call, function="apply_rope", grad=True,
          cases=[dict(batch=1, heads=2, t=4, d=6)]),
]
