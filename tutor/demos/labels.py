"""What a demo's metric and summary keys are called on screen, in the learner's language.

The keys themselves (`test_accuracy`, `images_per_s` …) are the `--json` event format and stay
English; only the words shown next to the numbers are translated. An unknown key reads as its
name with spaces, so a new metric shows up at once and can be named here later."""
from __future__ import annotations

from tutor.i18n.catalog import N_, _

LABELS: dict[str, str] = {
    "loss": N_("loss"), "lr": N_("lr"), "images_per_s": N_("images per s"), "test_accuracy": N_("test accuracy"),
    "test_loss": N_("test loss"), "train_s": N_("train s"), "valid_loss": N_("validation loss"),
    "perplexity": N_("perplexity"), "bits_per_char": N_("bits per char"), "unigram": N_("unigram"),
    "test_kl": N_("test KL"), "test_reconstruction": N_("test reconstruction"), "demo": N_("demo"),
    "device": N_("device"), "wall_s": N_("wall-clock s"), "final_loss": N_("final loss"),
    "batch_size": N_("batch size"), "characters": N_("characters"), "depth": N_("depth"),
    "diffusion_steps": N_("diffusion steps"), "distance_to_modes": N_("distance to modes"), "epochs": N_("epochs"),
    "final_loss_momentum": N_("final loss (momentum)"), "final_loss_plain": N_("final loss (plain)"),
    "final_losses": N_("final losses"), "first_layer_grad_norms": N_("first layer's gradient norms"),
    "gen_loss": N_("generator loss"), "kl": N_("KL"), "mine": N_("your functions"),
    "modes_covered": N_("modes covered"), "parameters": N_("parameters"),
    "per_class_accuracy": N_("per class accuracy"), "recipe": N_("recipe"), "reconstruction": N_("reconstruction"),
    "sample": N_("sample"), "sequence_length": N_("sequence length"), "steps": N_("steps"), "surface": N_("surface"),
    "test_accuracies": N_("test accuracies"), "train_size": N_("train size"), "test_size": N_("test size"),
    "unigram_loss": N_("unigram loss"), "vocabulary": N_("vocabulary"), "threads": N_("threads"),
    "data": N_("data"), "g_loss": N_("generator loss"), "d_loss": N_("discriminator loss"),
    "token_accuracy": N_("token accuracy"), "alignment": N_("alignment"), "loss_plain": N_("loss (plain)"),
    "loss_momentum": N_("loss (momentum)"),
    "distance_plain": N_("distance (plain)"), "distance_momentum": N_("distance (momentum)"),
    "sequence_accuracy": N_("sequence accuracy"), "d_real": N_("D(real)"), "d_fake": N_("D(fake)"),
    "g_grad": N_("G's gradient"), "loss_kaiming": N_("loss (Kaiming)"), "loss_batchnorm": N_("loss (batch norm)"),
    "loss_residual": N_("loss (residual)"), "first_layer_grad_plain": N_("layer 1 gradient (plain)"),
    "first_layer_grad_kaiming": N_("layer 1 gradient (Kaiming)"),
    "first_layer_grad_batchnorm": N_("layer 1 gradient (batch norm)"),
    "first_layer_grad_residual": N_("layer 1 gradient (residual)"), "workers": N_("DataLoader workers"),
    "learner_functions": N_("your functions"), "parts": N_("parts"),
}


def label(key: str) -> str:
    """The on-screen name of a metric or summary key."""
    return _(LABELS[key]) if key in LABELS else key.replace("_", " ")
