"""Demo options: one parser shared by `dltutor demo`, the runner and DemoProcess.

No heavy imports: the CLI builds its parser from here at start-up. An option left unset is
None, and each engine picks its own default; an option given to a demo it does not apply to
is a usage error (so `dltutor demo gan --recipe article` says so instead of doing nothing).
"""
from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

from tutor.i18n.catalog import N_, _

# name -> what it shows (marked for the message catalogue: shown through _()).
DEMOS: dict[str, str] = {
    "cnn": N_("lesson 10's CIFAR-10 Net from the source article (2 conv + 3 linear layers) classifying 32×32 images"),
    "gan": N_("a small GAN learning a ring of 8 Gaussians, real vs generated points drawn live"),
    "vae": N_("a small VAE on the built-in images: reconstructions, samples, loss = reconstruction + KL"),
    "rnn": N_("a character-level LSTM learning a short text, printing samples as it learns"),
    "attention": N_("a tiny attention model learning to reverse a sequence; the heat map shows the alignment"),
    "gd": N_("gradient descent with and without momentum on a 2-D loss surface, paths drawn"),
    "gpt": N_("the capstone: a tiny character-level GPT learning the fables (--mine: built from your own functions)"),
    "deep": N_("one 20-layer network trained four ways (naive init, Kaiming, batch norm, residual): vanishing gradients and their cures"),
    "diffusion": N_("a small DDPM learning the ring of 8 Gaussians; sampling turns noise into the ring step by step"),
}

ALL = frozenset(DEMOS)
DEVICES = ("auto", "cpu", "cuda")
DATA = ("auto", "shapes", "cifar10")
RECIPES = ("fast", "article")
PRECISIONS = ("fp32", "bf16")
GEN_LOSSES = ("non-saturating", "saturating")
SURFACES = ("ravine", "rosenbrock")


class ConfigError(ValueError):
    """A bad option value or an option the demo does not take; str(exc) is the message."""


@dataclass(frozen=True)
class DemoConfig:
    demo: str
    device: str = "auto"
    seed: int = 0
    json: bool = False
    epochs: int | None = None
    steps: int | None = None
    batch_size: int | None = None
    lr: float | None = None
    threads: int | None = None
    log_every: int | None = None
    pictures: bool = True
    data: str | None = None
    data_dir: str | None = None
    download: bool = False
    train_size: int | None = None
    test_size: int | None = None
    recipe: str | None = None
    precision: str | None = None
    eval_every: int | None = None
    workers: int | None = None
    gen_loss: str | None = None
    surface: str | None = None
    mine: bool = False

    def pick(self, name: str, default: Any) -> Any:
        """The option's value, or the engine's default when it was left unset."""
        value = getattr(self, name)
        return default if value is None else value


# option name -> the demos that take it (options not listed apply to every demo)
APPLIES: dict[str, frozenset[str]] = {
    "epochs": frozenset({"cnn", "vae", "rnn"}),
    "batch_size": frozenset({"cnn", "vae", "rnn", "gan", "attention", "deep", "gpt", "diffusion"}),
    "data": frozenset({"cnn"}),
    "data_dir": frozenset({"cnn"}),
    "download": frozenset({"cnn"}),
    "train_size": frozenset({"cnn", "vae", "deep"}),
    "test_size": frozenset({"cnn", "vae", "deep"}),
    "recipe": frozenset({"cnn"}),
    "precision": frozenset({"cnn"}),
    "eval_every": frozenset({"cnn"}),
    "workers": frozenset({"cnn"}),
    "gen_loss": frozenset({"gan"}),
    "surface": frozenset({"gd"}),
    "mine": frozenset({"gpt", "diffusion"}),
}


def _positive(kind: type):
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(_("expected a {kind}, got {text}").format(
                kind=kind.__name__, text=repr(text))) from None
        if value <= 0:
            raise argparse.ArgumentTypeError(_("must be > 0, got {text}").format(text=text))
        return value
    return parse


def _non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("expected an int, got {text}").format(text=repr(text))) from None
    if value < 0:
        raise argparse.ArgumentTypeError(_("must be >= 0, got {text}").format(text=text))
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The demo options (not the demo name), every default None/False so 'unset' is visible."""
    add = parser.add_argument
    add("--device", choices=DEVICES, default=None, help=_("auto (CUDA when available), cpu or cuda"))
    add("--seed", type=_non_negative_int, default=None, help=_("random seed (default 0)"))
    add("--json", action="store_true", help=_("print one JSON object per line, ending with a summary"))
    add("--epochs", type=_positive(int), default=None, help=_("passes over the training data (cnn, vae, rnn)"))
    add("--steps", type=_positive(int), default=None, help=_("stop after this many training steps (a quick look)"))
    add("--batch-size", type=_positive(int), default=None, help=_("examples per training step"))
    add("--lr", type=_positive(float), default=None, help=_("learning rate (peak rate for schedules)"))
    add("--threads", type=_positive(int), default=None, help=_("CPU threads for torch (default: tuned)"))
    add("--log-every", type=_positive(int), default=None, help=_("steps between metric events"))
    add("--no-pictures", dest="pictures", action="store_false", default=True, help=_("skip the pictures"))
    group = parser.add_argument_group("cnn")
    group.add_argument("--recipe", choices=RECIPES, default=None,
                       help=_("fast (default): in-memory batches, big batches, OneCycle; "
                              "article: the source article's exact loop (batch 4, DataLoader, 2 epochs)"))
    group.add_argument("--precision", choices=PRECISIONS, default=None,
                       help=_("fast recipe: fp32 (default), or bf16 autocast (mixed precision: fast only where the "
                              "hardware computes in bf16 — recent GPUs, CPUs with AMX or AVX-512 BF16)"))
    group.add_argument("--data", choices=DATA, default=None,
                       help=_("cifar10, shapes (built in, no download) or auto (CIFAR-10 when present)"))
    group.add_argument("--data-dir", default=None, metavar="DIR",
                       help=_("folder holding cifar-10-batches-py/ (default: the dltutor data folder)"))
    group.add_argument("--download", action="store_true", default=False, help=_("download CIFAR-10 if absent"))
    group.add_argument("--train-size", type=_positive(int), default=None, help=_("use this many training images (cnn, vae)"))
    group.add_argument("--test-size", type=_positive(int), default=None, help=_("use this many test images (cnn, vae)"))
    group.add_argument("--eval-every", type=_positive(int), default=None, help=_("steps between test evaluations"))
    group.add_argument("--workers", type=_non_negative_int, default=None,
                       help=_("DataLoader worker processes for the article recipe (default 2, as the article)"))
    parser.add_argument_group("gan").add_argument(
        "--gen-loss", choices=GEN_LOSSES, default=None,
        help=_("non-saturating (default): G maximises log D(G(z)); saturating: G minimises log(1 − D(G(z)))"))
    parser.add_argument_group("gd").add_argument(
        "--surface", choices=SURFACES, default=None, help=_("ravine (an elongated quadratic, default) or rosenbrock"))
    parser.add_argument(
        "--mine", action="store_true", default=False,
        help=_("build the model from your own passed exercise functions, PyTorch's for the rest "
               "(gpt: attention, layer_norm, transformer_block, sampling, adam; diffusion: the ddpm functions)"))


def build_parser(prog: str = "python -m tutor.demos.runner") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description="Run a mini-training demo, streaming JSON lines.")
    parser.add_argument("demo", help=f"one of {', '.join(DEMOS)}")
    add_arguments(parser)
    return parser


def from_namespace(demo: str, namespace: argparse.Namespace | Mapping[str, Any]) -> DemoConfig:
    """Check the demo name and that every option given applies to it."""
    if demo not in DEMOS:
        raise ConfigError(_("unknown demo {demo}; choose one of {names}").format(demo=repr(demo), names=", ".join(DEMOS)))
    values = dict(vars(namespace)) if isinstance(namespace, argparse.Namespace) else dict(namespace)
    known = {f.name for f in fields(DemoConfig)} - {"demo"}
    options: dict[str, Any] = {}
    for name, value in values.items():
        if name not in known:
            continue  # e.g. argparse's own keys (command, _module)
        if value is None:
            continue
        if name in APPLIES and demo not in APPLIES[name] and value not in (False, None):
            takers = ", ".join(sorted(APPLIES[name]))
            raise ConfigError(_("{option} does not apply to the {demo} demo (only to: {takers})").format(
                option="--" + name.replace("_", "-"), demo=demo, takers=takers))
        options[name] = value
    if options.get("data") == "shapes" and (options.get("download") or options.get("data_dir")):
        raise ConfigError(_("--download and --data-dir are for CIFAR-10; the shapes set is built in"))
    return DemoConfig(demo=demo, **options)


def parse(argv: Sequence[str]) -> DemoConfig:
    """Runner-style argv (demo name first) -> DemoConfig. Raises ConfigError, or SystemExit(2) from argparse."""
    args = build_parser().parse_args(list(argv))
    return from_namespace(args.demo, args)


def to_argv(config: DemoConfig) -> list[str]:
    """The runner argv that reproduces `config` (only the options that were set)."""
    argv = [config.demo]
    default = DemoConfig(config.demo)
    for f in fields(DemoConfig):
        if f.name == "demo":
            continue
        value = getattr(config, f.name)
        if value == getattr(default, f.name):
            continue
        flag = "--" + f.name.replace("_", "-")
        if f.name == "pictures":
            argv.append("--no-pictures")
        elif isinstance(value, bool):
            argv.append(flag)
        else:
            argv += [flag, str(value)]
    return argv


def options_to_argv(demo: str, options: Mapping[str, Any]) -> list[str]:
    """Keyword options (DemoConfig field names) -> a validated runner argv."""
    unknown = set(options) - ({f.name for f in fields(DemoConfig)} - {"demo"})
    if unknown:
        raise ConfigError(f"unknown demo option(s): {', '.join(sorted(unknown))}")
    # Run the values through the parser so bad values fail here, in the caller, not in the child.
    return to_argv(parse(to_argv(from_namespace(demo, dict(options)))))
