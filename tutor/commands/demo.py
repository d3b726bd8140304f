"""`dltutor demo NAME`: train a small model live (the engine runs in a subprocess).

--json passes the runner's JSON lines through unchanged in meaning (one object per line, the
last a summary or an error). Otherwise a rich display: a progress bar with the latest metrics,
the newest picture of each kind redrawn in place, metric and text lines scrolling above, and
a summary table at the end. Imports nothing heavy (torch loads in the child only).
"""
from __future__ import annotations

import argparse
import json
import sys

from tutor.commands import UsageError
from tutor.demos.config import DEMOS, ConfigError, add_arguments, from_namespace
from tutor.demos.labels import label
from tutor.i18n.catalog import _

# Metric values worth a place in the one-line status (in this order), when a demo reports them.
STATUS_KEYS = ("loss", "test_accuracy", "images_per_s", "g_loss", "d_loss", "modes_covered", "token_accuracy",
               "alignment", "reconstruction", "kl", "valid_loss", "loss_plain", "loss_momentum")


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("demo", nargs="?", metavar="NAME",
                        help=_("one of: {names} (leave out to list them)").format(names=", ".join(DEMOS)))
    add_arguments(parser)
    parser.epilog = _("demos: {list}").format(list="; ".join(f"{name} — {_(text)}" for name, text in DEMOS.items()))


def run(args: argparse.Namespace) -> int:
    if args.demo is None:
        return _list_demos(args.json)
    try:
        config = from_namespace(args.demo, args)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None

    from tutor.demos.process import DemoProcess

    process = DemoProcess(config)
    try:
        if config.json:
            return _run_json(process)
        return _run_rich(process)
    except KeyboardInterrupt:
        process.stop()
        print("\n" + _("stopped"), file=sys.stderr)
        return 130
    finally:
        process.stop()


def _list_demos(as_json: bool) -> int:
    if as_json:
        print(json.dumps({"demos": [{"name": name, "description": _(text)} for name, text in DEMOS.items()]}))
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(title=_("demos — run one with: dltutor demo NAME"), show_header=False)
    table.add_column(style="bold")
    table.add_column()
    for name, text in DEMOS.items():
        table.add_row(name, _(text))
    Console().print(table)
    return 0


def _exit_status(last: dict | None) -> int:
    return 0 if last and last.get("type") == "summary" else 1


def _run_json(process) -> int:
    last = None
    for event in process.events():
        sys.stdout.write(json.dumps(event, ensure_ascii=False) + "\n")
        sys.stdout.flush()
        last = event
    return _exit_status(last)


def _format_value(key: str, value) -> str:
    if value is None:
        return "–"
    if key.endswith("per_s") and isinstance(value, (int, float)):
        return f"{value:,.0f}"  # a rate, not a duration
    if key.endswith("_s") and isinstance(value, (int, float)):
        return _("{seconds} s").format(seconds=f"{value:.1f}")
    if "accuracy" in key or key == "alignment":
        return f"{value:.1%}"
    if key.startswith("modes"):
        return f"{value:.0f}"
    if isinstance(value, float) and abs(value) >= 1000:
        return f"{value:,.1f}"
    if isinstance(value, float) and value != 0 and abs(value) < 0.001:
        return f"{value:.3g}"
    return f"{value:.4f}" if isinstance(value, float) else str(value)


def _metric_line(event: dict) -> str:
    values = event.get("values", {})
    parts = [_("step {step}").format(step=event.get("step"))]
    if event.get("epoch") is not None:
        parts.append(_("epoch {epoch}").format(epoch=event["epoch"]))
    parts += [f"{label(key)} {_format_value(key, value)}" for key, value in values.items()]
    return "  ".join(parts)


def _status(latest: dict) -> str:
    keys = [k for k in STATUS_KEYS if k in latest][:4]
    return "  ".join(f"{label(k)} {_format_value(k, latest[k])}" for k in keys)


def _run_rich(process) -> int:
    from rich.console import Console, Group
    from rich.live import Live
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.table import Table
    from rich.text import Text

    from tutor.pictures import render_picture

    console = Console()
    progress = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), TimeRemainingColumn(), TextColumn("{task.fields[status]}"),
                        console=console)
    task = progress.add_task(process.demo, total=None, status=_("starting…"))
    pictures: dict[str, Text] = {}  # newest picture of each kind, shown in place
    latest: dict[str, float] = {}
    last = None
    budget = max(10, console.size.height - 4)

    def live_view() -> Group:
        parts: list = []
        used = 0
        for name in reversed(list(pictures)):  # newest kinds first, as many as fit the screen
            height = pictures[name].plain.count("\n") + 1
            if used + height > budget:
                continue
            parts.insert(0, pictures[name])
            used += height
        return Group(*parts, progress)

    # Transient: the live area (pictures + bar) is replaced by the final pictures and summary.
    with Live(live_view(), console=console, refresh_per_second=8, transient=True) as live:
        for event in process.events():
            kind = event.get("type")
            last = event
            if kind == "progress":
                description = process.demo if event.get("epoch") is None else (
                    _("{demo} · epoch {epoch}/{epochs}").format(demo=process.demo, epoch=event["epoch"],
                                                                epochs=event.get("epochs")))
                progress.update(task, completed=event["step"], total=event["total"], description=description)
            elif kind == "metric":
                latest.update({k: v for k, v in event.get("values", {}).items()})
                progress.update(task, status=_status(latest))
                live.console.print(Text(_metric_line(event), style="dim"))
            elif kind == "text":
                live.console.print(Text(str(event.get("text", ""))))
            elif kind == "picture":
                pictures.pop(event.get("name", ""), None)
                pictures[event.get("name", "")] = render_picture(event, max_width=console.width)
                live.update(live_view())
            elif kind == "error":
                break
    for picture in pictures.values():
        console.print(picture)

    if last and last.get("type") == "error":
        # soft_wrap: a folder path in the message must stay whole, copyable.
        Console(stderr=True, soft_wrap=True).print(Text(f"dltutor demo {process.demo}: {last.get('message')}", style="red"))
        return 1
    if last and last.get("type") == "summary":
        table = Table(title=_("{demo} — summary").format(demo=process.demo), show_header=False)
        table.add_column(style="bold")
        table.add_column()
        for key, value in last.items():
            if key == "type":
                continue
            if isinstance(value, dict):
                value = ", ".join(f"{k} {_format_value(key, v)}" for k, v in value.items())
            elif isinstance(value, float):
                value = _format_value(key, value)
            table.add_row(label(key), str(value))
        console.print(table)
    return _exit_status(last)
