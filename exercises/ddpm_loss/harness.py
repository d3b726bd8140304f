"""Runs in the sandbox with the learner's module (or, in the grader, the oracle / a wrong variant)
as its first argument. It builds the grader's small noise-prediction model from plain-data
weights, hands it to the learner's ddpm_loss, and returns plain tensors: the loss and the
gradient of that loss with respect to every parameter of the model.

ddpm_sample_step's harness carries a copy of TinyEpsModel (the sandbox sees one harness file only).
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


def loss_and_gradients(ns, weights: dict, x0, t, noise, alphas_cumprod):
    """[the loss the learner's ddpm_loss returned, [its gradient for each model parameter]].

    The gradients are None when the loss is not a tensor connected to the model (the grader's
    comparison says which).
    """
    model = make_model(weights)
    loss = ns.ddpm_loss(model, x0, t, noise, alphas_cumprod)
    if not isinstance(loss, torch.Tensor) or not loss.requires_grad or loss.numel() != 1:
        return [loss, None]
    grads = torch.autograd.grad(loss.reshape(()), list(model.parameters()), allow_unused=True)
    return [loss.detach(), [None if g is None else g.detach() for g in grads]]
