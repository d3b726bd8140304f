"""`dltutor serve`: the app in a browser, for a remote GPU box or a classroom (textual-serve)."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tutor.commands import UsageError
from tutor.i18n.catalog import N_, _

SESSIONS_PER_CORE = 4
DEFAULT_IDLE_TIMEOUT_S = 3600
INSTALL_HINT = N_("dltutor serve needs textual-serve, which is not installed. Install it with\n"
                  "    pip install 'dltutor[serve]'      (or: pip install textual-serve)")


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:          # not Linux
        return os.cpu_count() or 1


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    parser.description = _(
        "Serve the app to a browser: one app process per connection. Listens on 127.0.0.1 unless told "
        "otherwise and always asks for a token unless --no-token (loopback only). See the README's "
        "'Serve it in a browser'.")
    parser.add_argument("--host", default="127.0.0.1",
                        help=_("address to listen on (default 127.0.0.1; any other needs a token given explicitly)"))
    parser.add_argument("--port", type=int, default=8000, help=_("port to listen on (default 8000)"))
    parser.add_argument("--open", action="store_true", help=_("open the page in this machine's browser"))
    parser.add_argument("--token", metavar="T",
                        help=_("the token the link must carry ('auto': make one and print it; "
                               "the default on a loopback address)"))
    parser.add_argument("--no-token", action="store_true",
                        help=_("no token at all (loopback only; every user of this machine could connect)"))
    parser.add_argument("--tokens", metavar="FILE", type=Path,
                        help=_("a classroom: one 'name:token' line per learner (see --make-tokens); needs --homes"))
    parser.add_argument("--homes", metavar="DIR", type=Path,
                        help=_("a classroom: each learner's work lives in DIR/<name> (their own DLTUTOR_HOME)"))
    parser.add_argument("--max-sessions", metavar="N", type=int,
                        help=_("sessions at once (default {per_core} per core: {here} here)").format(
                            per_core=SESSIONS_PER_CORE, here=SESSIONS_PER_CORE * cores()))
    parser.add_argument("--idle-timeout", metavar="S", type=float, default=DEFAULT_IDLE_TIMEOUT_S,
                        help=_("end a session after S seconds without input (default {seconds}; 0: never)").format(
                            seconds=DEFAULT_IDLE_TIMEOUT_S))
    parser.add_argument("--make-tokens", metavar="NAME", nargs="+",
                        help=_("print 'name:token' lines for a --tokens file, one per NAME, and exit"))


def run(args: argparse.Namespace) -> int:
    from tutor.serve.access import AccessError, make_tokens, plan_access

    try:
        if args.make_tokens:
            sys.stdout.write(make_tokens(args.make_tokens))
            return 0
        access = plan_access(args.host, token=args.token, tokens_file=args.tokens, homes=args.homes,
                             no_token=args.no_token)
    except AccessError as exc:
        raise UsageError(str(exc)) from None
    if not 0 < args.port < 65536:
        raise UsageError(_("--port must be between 1 and 65535, not {port}").format(port=args.port))
    max_sessions = args.max_sessions if args.max_sessions is not None else SESSIONS_PER_CORE * cores()
    if max_sessions < 1:
        raise UsageError(_("--max-sessions must be at least 1"))
    if args.idle_timeout < 0:
        raise UsageError(_("--idle-timeout must be 0 (never) or a number of seconds"))
    try:
        from tutor.serve.server import Settings, TutorServer
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] not in ("textual_serve", "aiohttp", "aiohttp_jinja2", "yarl"):
            raise
        print(_(INSTALL_HINT), file=sys.stderr)
        return 1

    def announce(url: str) -> None:
        print(banner(url, args, access, max_sessions), flush=True)

    settings = Settings(host=args.host, port=args.port, access=access, max_sessions=max_sessions,
                        idle_timeout_s=args.idle_timeout, open_browser=args.open, announce=announce)
    try:
        TutorServer(settings).serve()
    except OSError as exc:
        print(_("dltutor serve: cannot listen on {host}:{port}: {reason}").format(
                  host=args.host, port=args.port, reason=exc.strerror or exc)
              + (_(" (another server is using that port: pick one with --port)") if exc.errno == 98 else ""),
              file=sys.stderr)
        return 1
    return 0


def banner(url: str, args: argparse.Namespace, access, max_sessions: int) -> str:
    from tutor.serve.page import describe_duration

    lines = []
    if access.solo_token or not access.required:
        lines.append(_("dltutor is served at {url}").format(url=url))
        if access.required:
            lines.append("  " + _("That link carries the token: keep it to yourself."))
    else:
        lines.append(_("dltutor is served at {url}").format(url=f"{url}?token=TOKEN"))
        lines.append("  " + _("Each learner opens it with their own token from {tokens}; their work lives in "
                              "{homes}/<name>.").format(tokens=args.tokens, homes=args.homes.expanduser().resolve()))
    if args.host in ("0.0.0.0", "::", ""):
        import socket

        lines.append("  " + _("From other machines: {url} (same token).").format(
            url=f"http://{socket.getfqdn()}:{args.port}/"))
    idle = describe_duration(args.idle_timeout) if args.idle_timeout > 0 else _("never")
    lines.append("  " + _("At most {count} sessions at once; idle sessions end after: {idle}. Ctrl+C stops the "
                          "server.").format(count=max_sessions, idle=idle))
    return "\n".join(lines)
