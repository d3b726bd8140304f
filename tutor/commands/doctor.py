"""`dltutor doctor`: what this machine can do, and where dltutor keeps things."""
from __future__ import annotations

import argparse
import platform
import sys


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")


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
        table = Table(title=f"dltutor serve (pid {server['pid']}) at {server['url']}: "
                            f"{len(sessions)} of {server['max_sessions']} sessions", title_justify="left")
        for column in ("learner", "processes", "memory (PSS)", "resident (RSS)", "idle"):
            table.add_column(column, justify="left" if column == "learner" else "right")
        for session in sessions:
            memory = session["memory"]
            table.add_row(session["user"], str(memory["processes"]), _mib(memory["pss_bytes"]),
                          _mib(memory["rss_bytes"]), f"{session['idle_s'] // 60} min")
        if sessions:
            total = sum(s["memory"]["pss_bytes"] for s in sessions)
            table.caption = (f"{_mib(total)} in all. PSS splits shared pages (torch's libraries) between "
                             "the processes that share them, so it adds up; RSS counts them in each.")
            table.caption_justify = "left"
        console.print(table)


def _mib(size: int) -> str:
    return f"{size / 2**20:,.0f} MiB"


def run(args: argparse.Namespace) -> int:
    facts = gather()
    if args.json:
        import json

        print(json.dumps(facts, indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(title="dltutor doctor", show_header=False)
    table.add_column(style="bold")
    table.add_column()
    yes = "[green]yes[/]"
    no = "[yellow]no[/]"
    table.add_row("dltutor", facts["dltutor"])
    table.add_row("Python", f"{facts['python']} ({sys.executable})")
    table.add_row("torch", str(facts["torch"]))
    table.add_row("torchvision", str(facts["torchvision"]))
    table.add_row("CUDA", f"{yes} — {facts['cuda_device']}" if facts["cuda_available"] else f"{no} (everything runs on the CPU)")
    table.add_row("editor highlighting", yes if facts["editor_highlighting"] else f"{no} (install tree-sitter and tree-sitter-python)")
    table.add_row("sandbox", sandbox_text(facts["sandbox"]))
    running = facts["grading_daemon"]
    table.add_row("grading daemon", (f"{yes} — pid {running['pid']}, {running['grades']} grade(s), leaves after "
                                     f"{running['idle_s']:.0f} s idle" if running else
                                     f"{no} — the next 'dltutor check' starts one (it keeps checks warm)"))
    table.add_row("state folder", facts["state_folder"] + "  [dim](set DLTUTOR_HOME to move it)[/]")
    table.add_row("CIFAR-10", (f"{yes} in {facts['cifar10_folder']}" if facts["cifar10_present"] else
                               f"{no} — 'dltutor demo cnn --download' fetches it; offline, demos use the built-in shapes set"))
    console = Console()
    console.print(table)
    print_serving(console, facts["serving"])
    return 0


def sandbox_text(sandbox: dict) -> str:
    """The isolation level and what each active wall does, for the doctor table (markup escaped)."""
    from rich.markup import escape

    from tutor.grading.isolation import MEANING

    colour = {"full": "green", "partial": "yellow"}.get(sandbox["level"], "red")
    lines = [f"[{colour}]{escape(sandbox['level'])}[/]"]
    if sandbox.get("note"):
        lines.append(escape(sandbox["note"]))
    lines += [f"[dim]· {escape(MEANING[m])}[/]" for m in sandbox["mechanisms"] if m in MEANING]
    if sandbox["level"] != "full":
        lines.append("[dim]grading works at every level; the walls keep learner code from reaching outside[/]")
    return "\n".join(lines)
