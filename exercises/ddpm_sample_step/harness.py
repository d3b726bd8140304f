"""Runs in the sandbox with the learner's module (or, in the grader, the oracle / a wrong variant)
as its first argument: builds the grader's small noise-prediction model from plain-data weights
and runs one sampling step.

The model is the ddpm_loss exercise's TinyEpsModel, copied here on purpose: the sandbox receives
this one file's source and cannot read a sibling exercise's files.
"""
import torch
from torch import nn


class TinyEpsModel(nn.Module):
    """ε̂ = model(x_t, t): flatten x_t, append sin/cos features of t, one tanh hidden layer.

    With weights {"w": scalar} it is the worked examples' model instead: ε̂ = w·x_t (t unused).
    t may be a (B,) tensor, a 0-dim tensor or a Python int (one step for the whole batch).
    """

    def __init__(self, weights: dict) -> None:
        super().__init__()
        self.scale_only = "w" in weights
        if self.scale_only:
            self.w = nn.Parameter(weights["w"].detach().clone())
            return
        hidden, inputs = weights["hidden.weight"].shape
        self.register_buffer("freqs", weights["freqs"].detach().clone())
        self.hidden = nn.Linear(inputs, hidden)
        self.out = nn.Linear(hidden, weights["out.weight"].shape[0])
        self.to(dtype=weights["hidden.weight"].dtype, device=weights["hidden.weight"].device)
        self.load_state_dict({k: v for k, v in weights.items()})

    def forward(self, x_t: torch.Tensor, t) -> torch.Tensor:
        if self.scale_only:
            return self.w * x_t
        batch = x_t.shape[0]
        t = torch.as_tensor(t, device=x_t.device).reshape(-1).expand(batch).to(x_t.dtype)
        angles = t[:, None] * self.freqs[None, :]
        features = torch.cat([x_t.reshape(batch, -1), torch.sin(angles), torch.cos(angles)], dim=1)
        return self.out(torch.tanh(self.hidden(features))).reshape(x_t.shape)


def make_model(weights: dict) -> TinyEpsModel:
    return TinyEpsModel(weights)


def sample_step(ns, weights: dict, x_t, t: int, noise, betas, alphas_cumprod):
    """x_{t−1} from the learner's p_sample_step, run as sampling runs: without gradients."""
    model = make_model(weights)
    with torch.no_grad():
        return ns.p_sample_step(model, x_t, t, noise, betas, alphas_cumprod)
