"""Rustlings-style self-check over every exercise: the starter fails as "not implemented", the
model solution passes, and each named wrong variant is diagnosed with its own mistake id."""
from __future__ import annotations

import ast

import pytest

from tutor.content import load_catalog
from tutor.grading import forbidden

# The exercise contract other tools rely on: exercise id -> the functions the learner's file defines.
CONTRACT = {
    "activations": {"sigmoid", "relu", "tanh"},
    "softmax": {"softmax"},
    "mse": {"mse_loss"},
    "cross_entropy": {"cross_entropy"},
    "kl_divergence": {"kl_divergence"},
    "bce_logits": {"bce_with_logits"},
    "sgd_momentum": {"sgd_momentum"},
    "backprop_linear": {"linear_backward"},
    "backprop_softmax_ce": {"cross_entropy_backward"},
    "conv_output_size": {"conv_output_size"},
    "conv2d": {"conv2d"},
    "im2col": {"im2col", "conv2d_im2col"},
    "max_pool2d": {"max_pool2d"},
    "rnn_cell": {"rnn_cell"},
    "rnn_forward": {"rnn_forward"},
    "lstm_cell": {"lstm_cell"},
    "gru_cell": {"gru_cell"},
    "vae_reparameterize": {"reparameterize", "gaussian_kl"},
    "vae_loss": {"vae_loss"},
    "gan_losses": {"discriminator_loss", "generator_loss"},
    "attention": {"scaled_dot_product_attention"},
    "lenet": {"build_net"},
    "training_loop": {"train_step", "evaluate"},
    "multi_head_attention": {"multi_head_attention"},
    "positional_encoding": {"sinusoidal_encoding", "apply_rope"},
    "transformer_block": {"transformer_block"},
    "sampling": {"sample_next_token"},
    "adam": {"adamw_step"}, "init": {"kaiming_normal_std", "xavier_uniform_bound"}, "dropout": {"dropout"}, "batch_norm": {"batch_norm"}, "layer_norm": {"layer_norm"}, "residual_block": {"basic_block"},
    "grad_check": {"numerical_gradient", "relative_error"}, "conv2d_backward": {"conv2d_backward"}, "max_pool2d_backward": {"max_pool2d_backward"}, "batch_norm_backward": {"batch_norm_backward"}, "lstm_backward": {"lstm_cell_backward"}, "micrograd": {"Value"},  # lesson 13
    "ddpm_forward": {"linear_beta_schedule", "alpha_bar", "q_sample"},
    "ddpm_loss": {"ddpm_loss"},
    "ddpm_sample_step": {"p_sample_step"},
}

# The required mistake ids (the `mistake` field of `dltutor check --json`).
REQUIRED_MISTAKES = {
    "conv2d": {"flipped_kernel", "missing_bias"},
    "im2col": {"wrong_patch_order"},
    "max_pool2d": {"zero_padding", "stride_defaults_to_one"},
    "softmax": {"no_max_subtraction"},
    "cross_entropy": {"softmax_before_cross_entropy", "no_max_subtraction", "sum_instead_of_mean"},
    "kl_divergence": {"reversed_kl", "nan_on_zero_probability"},
    "bce_logits": {"unstable_log_sigmoid"},
    "sgd_momentum": {"lr_in_velocity", "ema_momentum"},
    "rnn_cell": {"missing_hidden_bias"},
    "lstm_cell": {"lstm_gate_order"},
    "gru_cell": {"gru_gate_order", "gru_blend_swapped", "gru_reset_before_matmul"},
    "gan_losses": {"saturating_generator_loss", "flipped_labels", "discriminator_loss_halved"},
    "attention": {"scale_by_d", "no_scaling", "mask_inverted", "mask_zero_fill"},
    "training_loop": {"missing_zero_grad", "eval_in_train_mode"},
    "lenet": {"wrong_flatten_size"},
    "adam": {"no_bias_correction", "l2_instead_of_decoupled", "eps_inside_sqrt"}, "init": {"fan_out_for_fan_in", "missing_relu_gain", "conv_fan_ignores_kernel"}, "dropout": {"no_inverted_scaling", "dropout_in_eval", "p_as_keep_probability"}, "batch_norm": {"biased_running_var", "momentum_flipped", "eval_uses_batch_stats", "stats_over_wrong_axes"}, "layer_norm": {"unbiased_variance", "normalized_over_batch"}, "residual_block": {"relu_before_addition", "no_projection_shortcut"},
    "ddpm_forward": {"alpha_not_cumulative", "no_sqrt_on_coefficients"},
    "ddpm_loss": {"predicts_x0_target"},
    "ddpm_sample_step": {"noise_added_at_t0", "posterior_coefficient_wrong"},
}
VAE_MISTAKES = {"kl_missing_half", "kl_sign_flipped", "logvar_as_std", "kl_mean_over_latent"}

CATALOG = load_catalog()
EXERCISES = sorted(CATALOG.exercises)
VARIANTS = [(e, m) for e in EXERCISES for m in sorted(CATALOG.exercises[e].mistakes)]
SEED = 1234


def top_level_functions(path) -> set[str]:
    tree = ast.parse(path.read_text())
    return {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}  # micrograd: class Value


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_manifest_matches_contract(exercise_id):
    exercise = CATALOG.exercises[exercise_id]
    assert exercise_id in CONTRACT, f"{exercise_id} is not a contract exercise id"
    assert set(exercise.functions) == CONTRACT[exercise_id]
    for path in (exercise.starter, exercise.solution):
        assert CONTRACT[exercise_id] <= top_level_functions(path), path
    assert len(exercise.hints) >= 3
    lesson = next((lesson for lesson in CATALOG.lessons if lesson.id == exercise.lesson), None)
    assert lesson is not None, f"{exercise_id}: its lesson {exercise.lesson!r} does not exist"
    assert exercise_id in lesson.exercises, f"{exercise_id}: lesson {lesson.id!r} does not list it"
    assert exercise.forbidden, "every exercise forbids the high-level op it teaches"
    required = REQUIRED_MISTAKES.get(exercise_id, set())
    assert required <= set(exercise.mistakes), f"missing mistakes: {required - set(exercise.mistakes)}"
    for mistake in exercise.mistakes.values():
        assert len(mistake.explanation) > 80, f"{mistake.id}: the explanation should teach (a paragraph)"


def test_vae_mistakes_are_covered():
    ids = set()
    for exercise_id in ("vae_reparameterize", "vae_loss"):
        ids |= set(CATALOG.exercises[exercise_id].mistakes)
    assert VAE_MISTAKES <= ids


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_solution_obeys_forbidden_list(exercise_id):
    exercise = CATALOG.exercises[exercise_id]
    assert forbidden.scan(exercise.solution.read_text(), exercise.forbidden) == []


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_starter_fails_as_not_implemented(exercise_id):
    from tutor.grading.engine import grade

    result = grade(CATALOG.exercises[exercise_id], CATALOG.exercises[exercise_id].starter, seed=SEED, device="cpu")
    assert result.status == "fail", result.to_json()
    assert any("not implemented" in t.message for t in result.tests), result.to_json()


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_solution_passes(exercise_id):
    from tutor.grading.engine import grade

    result = grade(CATALOG.exercises[exercise_id], CATALOG.exercises[exercise_id].solution, seed=SEED, device="cpu")
    assert result.status == "pass", [t.to_json() for t in result.failed]


@pytest.mark.parametrize("exercise_id,mistake_id", VARIANTS)
def test_variant_is_diagnosed(exercise_id, mistake_id):
    from tutor.grading.engine import grade

    exercise = CATALOG.exercises[exercise_id]
    result = grade(exercise, exercise.mistakes[mistake_id].path, seed=SEED, device="cpu")
    assert result.status == "fail", result.to_json()
    found = {t.mistake for t in result.tests if t.mistake}
    assert found == {mistake_id}, f"expected only {mistake_id}, diagnosed {found}: {[t.to_json() for t in result.failed]}"


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_differentiable_says_whether_gradients_are_checked(exercise_id):
    """`differentiable = true` makes the starter warn that the function is differentiated; it must be
    set wherever a check compares gradients through the learner's function."""
    from tutor.grading.exercise_files import exercise_checks

    exercise = CATALOG.exercises[exercise_id]
    if any(check.grad for check in exercise_checks(exercise).CHECKS):
        assert exercise.differentiable, f"{exercise_id}: a check compares gradients, but differentiable is false"
