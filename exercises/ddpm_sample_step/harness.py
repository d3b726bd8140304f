"""Runs in the sandbox with the learner's module (or, in the grader, the oracle / a wrong variant)
as its first argument: builds the grader's small noise-prediction model from plain-data weights
and runs one sampling step.

The model is the ddpm_loss exercise's, tutor.demos.tiny_eps.TinyEpsModel: the sandbox receives this
one file's source and cannot read a sibling exercise's files, so both harnesses import it from the
tutor package when they load.
"""
import torch

from tutor.demos.tiny_eps import TinyEpsModel, make_model

__all__ = ["TinyEpsModel", "make_model", "sample_step"]


def sample_step(ns, weights: dict, x_t, t: int, noise, betas, alphas_cumprod):
    """x_{t−1} from the learner's p_sample_step, run as sampling runs: without gradients."""
    model = make_model(weights)
    with torch.no_grad():
        return ns.p_sample_step(model, x_t, t, noise, betas, alphas_cumprod)
