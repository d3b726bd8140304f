"""Command-line entry point. Imports nothing heavy: each subcommand loads what it needs."""
from __future__ import annotations

import argparse
import importlib
import sys

from tutor import __version__
from tutor.commands import UsageError
from tutor.i18n.argparse_words import HelpFormatter
from tutor.i18n.argparse_words import install as install_argparse_words
from tutor.i18n.catalog import N_, _
from tutor.i18n.lang import LANGUAGES, normalise, set_language

# name -> (module, one-line help). Modules define configure(parser) and run(args) -> int.
COMMANDS: dict[str, tuple[str, str]] = {
    "open": ("tutor.commands.app", N_("open the app at a lesson or exercise")),
    "list": ("tutor.commands.listing", N_("list lessons and exercises with your progress")),
    "lesson": ("tutor.commands.lesson", N_("read a lesson in the terminal")),
    "start": ("tutor.commands.start_reset", N_("create your file for an exercise (from its starter)")),
    "reset": ("tutor.commands.start_reset", N_("restore an exercise's starter, keeping a backup of your file")),
    "check": ("tutor.commands.check", N_("grade your solution to an exercise")),
    "watch": ("tutor.commands.check", N_("grade again every time you save")),
    "hint": ("tutor.commands.check", N_("reveal the next hint for an exercise")),
    "solution": ("tutor.commands.check", N_("show the model solution (after a pass, or if you give up)")),
    "quiz": ("tutor.commands.quiz", N_("take a lesson's quiz")),
    "review": ("tutor.commands.quiz", N_("review the quiz cards that are due")),
    "demo": ("tutor.commands.demo", N_("train a small model live")),
    "progress": ("tutor.commands.listing", N_("show or export your progress")),
    "serve": ("tutor.commands.serve", N_("serve the app to a browser (a remote GPU box, a classroom)")),
    "doctor": ("tutor.commands.doctor", N_("check your set-up: Python, torch, CUDA, data, state folder")),
    "validate": ("tutor.commands.validate", N_("check all lessons, exercises and quizzes")),
}


def build_parser() -> argparse.ArgumentParser:
    install_argparse_words()       # before the parser exists: its group titles are looked up as it is made
    parser = argparse.ArgumentParser(
        prog="dltutor", formatter_class=HelpFormatter,
        description=_("A terminal tutor for deep learning. Run with no command to open the app."),
    )
    parser.add_argument("--version", action="version", version=f"dltutor {__version__}",
                        help=_("show program's version number and exit"))
    parser.add_argument("--lang", choices=LANGUAGES, metavar="{en,zh}",
                        help=_("the language to read the course in, for this run (default: $DLTUTOR_LANG, "
                               "the saved setting, then your locale)"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        module = importlib.import_module(module_name)
        command = sub.add_parser(name, help=_(help_text), description=_(help_text), formatter_class=HelpFormatter)
        module.configure(name, command)
        # `dltutor lesson convnets --lang zh` as well as `dltutor --lang zh lesson convnets`
        command.add_argument("--lang", dest="command_lang", choices=LANGUAGES, metavar="{en,zh}",
                             help=_("the language to read the course in, for this run"))
        command.set_defaults(_module=module)
    return parser


def take_language(argv: list[str]) -> tuple[str | None, list[str]]:
    """(the `--lang` value given before the command, or None; the other arguments).

    Read before the parser is built, so that its help and every message are already in that
    language, and so that `dltutor --lang zh` alone still opens the app on the fast path."""
    for position, arg in enumerate(argv):
        if arg == "--lang" and position + 1 < len(argv):
            return argv[position + 1], argv[:position] + argv[position + 2:]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1], argv[:position] + argv[position + 1:]
        if not arg.startswith("-"):
            break              # the command: a later --lang belongs to it (and is refused there)
    return None, argv


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang, argv = take_language(argv)
    if lang is not None:
        chosen = normalise(lang)
        if chosen is None:
            print(_("dltutor: --lang {value} is not a language the course has; choose one of {choices}.").format(
                value=repr(lang), choices=", ".join(LANGUAGES)), file=sys.stderr)
            return 2
        set_language(chosen)
    if not argv:
        # Bare `dltutor`: straight to the app, without importing every command to build the parser.
        from tutor.commands.app import launch

        return launch(None)
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "command_lang", None):
        set_language(args.command_lang)
    if args.command is None:
        from tutor.commands.app import launch

        return launch(None)
    try:
        return int(args._module.run(args) or 0)
    except UsageError as exc:
        print(_("dltutor {command}: {message}").format(command=args.command, message=exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\n" + _("interrupted"), file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
