"""The grader's small noise-prediction model for the ddpm_loss and ddpm_sample_step exercises.

One definition for both exercises' harnesses. The sandbox receives only one exercise's harness
file (as text, tutor.grading.sandbox_client) and cannot see the exercises folder, so the
harnesses import this module instead; they do so when they are loaded, before the grader's
audit hook goes up (tutor.grading.sandbox.main), while the tutor package is still readable.
It lives with the demos because the diffusion demo checks a learner's ddpm functions against
its built-ins with the same model (tutor.demos.diffusion._agrees).
"""
import torch
from torch import nn


class TinyEpsModel(nn.Module):
    freqs: torch.Tensor      # a buffer (moves with .to(), saved with the model)
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
