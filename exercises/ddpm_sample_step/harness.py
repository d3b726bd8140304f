"""Runs in the sandbox with the learner's module (or, in the grader, the oracle / a wrong variant)
as its first argument: builds the grader's small noise-prediction model from plain-data weights
(the same model as the ddpm_loss exercise, from its harness) and runs one sampling step."""
import importlib.util
from pathlib import Path

import torch

_spec = importlib.util.spec_from_file_location(
    "ddpm_loss_harness_model", Path(__file__).resolve().parent.parent / "ddpm_loss" / "harness.py")
_model_harness = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_model_harness)
make_model = _model_harness.make_model


def sample_step(ns, weights: dict, x_t, t: int, noise, betas, alphas_cumprod):
    """x_{t−1} from the learner's p_sample_step, run as sampling runs: without gradients."""
    model = make_model(weights)
    with torch.no_grad():
        return ns.p_sample_step(model, x_t, t, noise, betas, alphas_cumprod)
