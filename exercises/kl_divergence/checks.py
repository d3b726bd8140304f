"""Checks for kl_divergence: the oracle is F.kl_div(q.log(), p, reduction="batchmean")."""
import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from tutor.grading.spec import Call, Check


class ORACLE:
    @staticmethod
    def kl_divergence(p, q):
        return F.kl_div(torch.log(q), p, reduction="batchmean")


DTYPES = {"float32": torch.float32, "float64": torch.float64}


def distribution(n: int, c: int, gen: torch.Generator, dtype, scale: float, zeros: bool = False) -> torch.Tensor:
    probs = torch.softmax(torch.randn(n, c, generator=gen, dtype=dtype) * scale, dim=1)
    if zeros:
        keep = torch.rand(n, c, generator=gen) < 0.5
        keep[torch.arange(n), torch.randint(0, c, (n,), generator=gen)] = True   # every row keeps one outcome
        probs = probs * keep.to(dtype)
        probs = probs / probs.sum(dim=1, keepdim=True)
    return probs


def build(p: dict, gen: torch.Generator) -> Call:
    dtype = DTYPES[p.get("dtype", "float64")]
    if "p" in p:
        dist_p, dist_q = torch.tensor(p["p"], dtype=dtype), torch.tensor(p["q"], dtype=dtype)
    else:
        dist_p = distribution(p["n"], p["c"], gen, dtype, p.get("scale", 1.5), zeros=p.get("zeros", False))
        dist_q = distribution(p["n"], p["c"], gen, dtype, p.get("scale", 1.5))
    return Call("kl_divergence", (dist_p, dist_q), grad_wrt=(0, 1))


@st.composite
def batches(draw):
    return {"n": draw(st.integers(1, 6)), "c": draw(st.integers(2, 6)),
            "scale": draw(st.sampled_from([0.3, 1.5, 4.0])), "zeros": draw(st.booleans())}


CHECKS = [
    Check("tiny example: p [[0.5, 0.5], [0.2, 0.8]], q [[0.9, 0.1], [0.5, 0.5]]", build, function="kl_divergence",
          cases=[{"p": [[0.5, 0.5], [0.2, 0.8]], "q": [[0.9, 0.1], [0.5, 0.5]]}]),
    Check("a batch of random distributions", build, function="kl_divergence",
          cases=[{"n": 4, "c": 5}, {"n": 3, "c": 3, "scale": 4.0}]),
    Check("zeros in p (0·log 0 counts as 0)", build, function="kl_divergence",
          cases=[{"p": [[1.0, 0.0, 0.0], [0.0, 0.25, 0.75]], "q": [[0.5, 0.3, 0.2], [0.1, 0.6, 0.3]]},
                 {"n": 5, "c": 4, "zeros": True}]),
    Check("random batch sizes, class counts and sharpness", build, function="kl_divergence", strategy=batches(),
          max_examples=20),
    Check("float32 inputs keep float32", build, function="kl_divergence",
          cases=[{"n": 6, "c": 4, "dtype": "float32"}, {"n": 3, "c": 5, "zeros": True, "dtype": "float32"}]),
    # Strictly positive p: d/dp of p·log p is log p + 1, which is −inf at p = 0.
    Check("gradients match autograd through F.kl_div", build, function="kl_divergence", grad=True,
          cases=[{"n": 4, "c": 3}]),
]
