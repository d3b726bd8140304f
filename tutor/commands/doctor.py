"""`dltutor doctor`: what this machine can do, and where dltutor keeps things."""
from __future__ import annotations

import argparse
import platform
import sys

from tutor.i18n.catalog import _


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help=_("print machine-readable JSON"))


def gather() -> dict:
    from tutor import __version__, paths

    facts: dict = {"dltutor": __version__, "python": platform.python_version(), "platform": platform.platform()}
    try:
        import torch

        facts["torch"] = torch.__version__
        facts["cuda_available"] = torch.cuda.is_available()
        facts["cuda_device"] = torch.cuda.get_device_name(0) if facts["cuda_available"] else None
        facts["cpu_threads"] = torch.get_num_threads()
    except Exception as exc:  # a broken install is exactly what doctor is for
        facts["torch"] = f"not importable: {exc}"
        facts["cuda_available"] = False
        facts["cuda_device"] = None
    try:
        import torchvision

        facts["torchvision"] = torchvision.__version__
    except Exception as exc:
        facts["torchvision"] = f"not importable: {exc}"
    try:
        from textual._tree_sitter import get_language
        from textual.document._syntax_aware_document import SyntaxAwareDocument  # noqa: F401

        facts["editor_highlighting"] = get_language("python") is not None
    except Exception:
        facts["editor_highlighting"] = False
    from tutor.grading.isolation import probe

    facts["sandbox"] = probe()  # which walls the grader can raise around learner code on this machine
    from tutor.grading import daemon

    facts["grading_daemon"] = daemon.ping()  # None when no warm grader runs for this state folder
    facts["state_folder"] = str(paths.home())
    facts["content_folder"] = str(paths.content_root())
    cifar = paths.data_dir() / "cifar-10-batches-py"
    facts["cifar10_folder"] = str(cifar)
    facts["cifar10_present"] = (cifar / "data_batch_1").exists() and (cifar / "test_batch").exists()
    facts["serving"] = serving()
    return facts


# -- dltutor serve ------------------------------------------------------------------------------
def serving() -> list[dict]:
    """Each running `dltutor serve` (started with this DLTUTOR_HOME), with its sessions' memory now."""
    from tutor.serve.state import running_servers

    return running_servers()


def print_serving(console, servers: list[dict]) -> None:
    from rich.table import Table

    for server in servers:
        sessions = server.get("sessions", [])
        table = Table(title=_("dltutor serve (pid {pid}) at {url}: {count} of {most} sessions").format(
            pid=server["pid"], url=server["url"], count=len(sessions), most=server["max_sessions"]),
            title_justify="left")
        table.add_column(_("learner"), justify="left")
        for column in (_("processes"), _("memory (PSS)"), _("resident (RSS)"), _("idle")):
            table.add_column(column, justify="right")
        for session in sessions:
            memory = session["memory"]
            table.add_row(session["user"], str(memory["processes"]), _mib(memory["pss_bytes"]),
                          _mib(memory["rss_bytes"]),
                          _("{minutes} min").format(minutes=session["idle_s"] // 60))
        if sessions:
            total = sum(s["memory"]["pss_bytes"] for s in sessions)
            table.caption = _("{size} in all. PSS splits shared pages (torch's libraries) between the processes "
                              "that share them, so it adds up; RSS counts them in each.").format(size=_mib(total))
            table.caption_justify = "left"
        console.print(table)


def _mib(size: int) -> str:
    return f"{size / 2**20:,.0f} MiB"


def run(args: argparse.Namespace) -> int:
    from tutor.commands.spinner import waiting

    with waiting(_("Checking your set-up (importing PyTorch)…"), quiet=args.json):
        facts = gather()
    if args.json:
        import json

        print(json.dumps(facts, indent=2))
        return 0
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(title="dltutor doctor", show_header=False)
    table.add_column(style="bold")
    table.add_column()
    yes = "[green]" + _("yes") + "[/]"
    no = "[yellow]" + _("no") + "[/]"
    table.add_row("dltutor", facts["dltutor"])
    table.add_row("Python", f"{facts['python']} ({sys.executable})")
    table.add_row("torch", str(facts["torch"]))
    table.add_row("torchvision", str(facts["torchvision"]))
    table.add_row("CUDA", f"{yes} — {facts['cuda_device']}" if facts["cuda_available"] else
                  no + " " + escape(_("(everything runs on the CPU)")))
    table.add_row(_("editor highlighting"), yes if facts["editor_highlighting"] else
                  no + " " + escape(_("(install tree-sitter and tree-sitter-python)")))
    table.add_row(_("sandbox"), sandbox_text(facts["sandbox"]))
    running = facts["grading_daemon"]
    table.add_row(_("grading daemon"), (
        yes + " — " + escape(_("pid {pid}, {grades} grade(s), leaves after {idle} s idle").format(
            pid=running["pid"], grades=running["grades"], idle=f"{running['idle_s']:.0f}")) if running else
        no + " — " + escape(_("the next 'dltutor check' starts one (it keeps checks warm)"))))
    table.add_row(_("state folder"), escape(facts["state_folder"]) + "  [dim]"
                  + escape(_("(set DLTUTOR_HOME to move it)")) + "[/]")
    table.add_row("CIFAR-10", (
        yes + " " + escape(_("in {folder}").format(folder=facts["cifar10_folder"])) if facts["cifar10_present"] else
        no + " — " + escape(_("'dltutor demo cnn --download' fetches it; offline, demos use the built-in "
                              "shapes set"))))
    console = Console()
    console.print(table)
    print_serving(console, facts["serving"])
    return 0


def sandbox_text(sandbox: dict) -> str:
    """The isolation level and what each active wall does, for the doctor table (markup escaped)."""
    from rich.markup import escape

    from tutor.grading.isolation import MEANING, TMP_BYTES

    colour = {"full": "green", "partial": "yellow"}.get(sandbox["level"], "red")
    levels = {"full": _("full"), "partial": _("partial"), "limits only": _("limits only"), "unknown": _("unknown")}
    level = levels.get(sandbox["level"], sandbox["level"])
    lines = [f"[{colour}]{escape(level)}[/]"]
    if sandbox.get("note"):
        lines.append(escape(sandbox["note"]))
    lines += [f"[dim]· {escape(_(MEANING[m]).format(mib=TMP_BYTES // 1024**2))}[/]"
              for m in sandbox["mechanisms"] if m in MEANING]
    if sandbox["level"] != "full":
        lines.append("[dim]" + escape(_("grading works at every level; the walls keep learner code from reaching "
                                        "outside")) + "[/]")
    return "\n".join(lines)
