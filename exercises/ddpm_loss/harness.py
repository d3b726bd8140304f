"""Runs in the sandbox with the learner's module (or, in the grader, the oracle / a wrong variant)
as its first argument. It builds the grader's small noise-prediction model from plain-data
weights, hands it to the learner's ddpm_loss, and returns plain tensors: the loss and the
gradient of that loss with respect to every parameter of the model.

The model is tutor.demos.tiny_eps.TinyEpsModel, shared with ddpm_sample_step's harness (the sandbox
sees one harness file only, so the model lives in the tutor package, imported when this file loads).
"""
import torch

from tutor.demos.tiny_eps import TinyEpsModel, make_model

__all__ = ["TinyEpsModel", "loss_and_gradients", "make_model"]


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
