"""The web server: textual-serve's Server with dltutor's access rules and session limits.

Each websocket is one session: one app process (`python -m tutor.serve.session`) with its own
$DLTUTOR_HOME, started when the browser connects and ended, with everything it started, when the
connection closes, when it has had no input for the idle timeout, or when the server stops.

What is added to textual-serve (whose routes, app protocol and textual.js are used as they are):
* every request but /static needs a valid token (from `?token=`, then an HttpOnly, SameSite=Strict
  cookie); the websocket also needs an Origin equal to its Host, so another website open in the
  learner's browser cannot drive a session;
* at most `max_sessions` sessions, and one per learner: a new tab ends the learner's older one;
* URLs in the page come from the request's Host, so the page works through an SSH tunnel or a
  proxy, whatever address the server is bound to; requests are not logged (URLs carry tokens);
* the page, and the pages that say why not, speak the language the learner's app will start in.
The server's own log stays English: it is for whoever runs the server, and scripts read it.
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web
from aiohttp.web_runner import GracefulExit
from textual_serve.app_service import AppService
from textual_serve.server import Server

from tutor.i18n.catalog import _
from tutor.i18n.lang import ENV, current_language, locale_language, normalise, saved_language, speaking
from tutor.serve import state
from tutor.serve.access import Access, User, is_local
from tutor.serve.page import describe_duration, message_page, terminal_page
from tutor.serve.processes import MARKER, kill_session

# Where the access check leaves the learner on a request: a typed key where aiohttp has them (3.13+),
# the plain string before.
USER_KEY: Any = web.RequestKey("user", User) if hasattr(web, "RequestKey") else "user"

log = logging.getLogger("dltutor.serve")

QUIT_GRACE_S = 20.0      # the app stops its demos (up to 15 s) and grader before it exits
PUBLISH_EVERY_S = 15.0


@dataclass
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    access: Access = field(default_factory=Access)
    max_sessions: int = 8
    idle_timeout_s: float = 3600.0            # 0: never
    open_browser: bool = False
    announce: Callable[[str], None] = print     # called with the URL once the port is bound


class SessionProcess(AppService):
    """textual-serve's AppService, started with an argv (no shell), in its own session, with the
    learner's home and the session marker in its environment; `finish` makes sure it is gone."""

    def __init__(self, session_id: str, user: User, **kwargs) -> None:
        super().__init__("dltutor", **kwargs)
        self.session_id = session_id
        self.user = user
        self._finished: asyncio.Task | None = None

    async def _open_app_process(self, width: int = 80, height: int = 24):
        environment = self._build_environment(width=width, height=height)
        environment[MARKER] = self.session_id
        environment["DLTUTOR_SERVE_PARENT"] = str(os.getpid())
        cwd = None
        if self.user.home is not None:
            self.user.home.mkdir(parents=True, exist_ok=True)
            environment["DLTUTOR_HOME"] = str(self.user.home)
            cwd = str(self.user.home)
        self._process = process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tutor.serve.session",
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
            env=environment, cwd=cwd, start_new_session=True,
        )
        self._stdin = process.stdin
        return process

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    @property
    def ended(self) -> asyncio.Task | None:
        """The task that reads the app's output: done once the app process has exited."""
        return self._task

    async def finish(self) -> None:
        """Ask the app to quit, wait for it, then kill whatever of the session is left. Safe to
        call more than once and from several places (the connection, the idle check, shutdown)."""
        if self._finished is None:
            self._finished = asyncio.ensure_future(self._finish())
        await asyncio.shield(self._finished)

    async def _finish(self) -> None:
        started = time.monotonic()
        try:
            await asyncio.wait_for(self.stop(), QUIT_GRACE_S)
        except Exception:           # timed out, or the app was already gone: the sweep below decides
            pass
        if self._process is not None and self._process.returncode is None:
            try:
                await asyncio.wait_for(self._process.wait(), max(0.1, QUIT_GRACE_S - (time.monotonic() - started)))
            except TimeoutError:
                pass
        roots = [self.pid] if self.pid else []
        survivors = await asyncio.to_thread(kill_session, self.session_id, roots)
        if survivors:
            log.warning("session %s: processes %s could not be killed", self.session_id, survivors)
        if self._process is not None and self._process.returncode is None:
            await self._process.wait()     # reaps it: no zombie left behind


@dataclass
class Session:
    id: str
    user: User
    process: SessionProcess
    websocket: web.WebSocketResponse
    started: float = field(default_factory=time.time)
    last_input: float = field(default_factory=time.time)
    why_closed: str = ""

    def describe(self) -> dict:
        return {"id": self.id, "user": self.user.name, "pid": self.process.pid,
                "home": str(self.user.home) if self.user.home else None,
                "started": self.started, "last_input": self.last_input}


class TutorServer(Server):
    def __init__(self, settings: Settings) -> None:
        super().__init__("dltutor", host=settings.host, port=settings.port, title="dltutor")
        self.settings = settings
        self.sessions: dict[str, Session] = {}
        self.cookie = f"dltutor_token_{settings.port}"   # cookies ignore ports: one name per server
        self._loop_task: asyncio.Task | None = None

    # -- the web application ------------------------------------------------------------------
    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._guard])
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.static("/static", self.statics_path, name="static"),
        ])
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    def _token_of(self, request: web.Request) -> str | None:
        token = request.query.get("token") or request.cookies.get(self.cookie)
        header = request.headers.get("Authorization", "")
        if not token and header.startswith("Bearer "):
            token = header[len("Bearer "):].strip()
        return token

    @web.middleware
    async def _guard(self, request: web.Request, handler) -> web.StreamResponse:
        """Every route but /static: a known token (or --no-token on loopback, with a loopback Host,
        which defeats DNS rebinding), and for the websocket an Origin matching the Host."""
        if request.path.startswith("/static/"):
            return await handler(request)
        access = self.settings.access
        # Until the token says who is asking, the server's own language.
        if not access.required and not is_local(request.url.host or ""):
            return _refuse(403, _("Not from here"), _("This server takes connections for localhost only."))
        user = access.user_for(self._token_of(request))
        if user is None:
            return _refuse(403, _("This link needs its token"),
                           _("Open the full link you were given (it ends in ?token=…). "
                             "If you lost it, ask whoever runs the server."))
        if request.path == "/ws" and not _same_origin(request):
            with speaking(session_language(user)):
                return _refuse(403, _("Refused"), _("The connection did not come from this server's own page."))
        request[USER_KEY] = user
        response = await handler(request)
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        with speaking(session_language(request[USER_KEY])):
            if self._full(request[USER_KEY]):
                return _refuse(503, _("All seats are taken"),
                               _("This server runs at most {count} sessions at once, and all are in use. Try again "
                                 "in a few minutes: sessions end when closed or after {idle} without input.").format(
                                   count=self.settings.max_sessions,
                                   idle=describe_duration(self.settings.idle_timeout_s)))
            secure = _secure(request)
            font_size = _int(request.query.get("fontsize"), 16)
            page = terminal_page("/static/", f"{'wss' if secure else 'ws'}://{request.host}/ws", font_size,
                                 self.settings.idle_timeout_s)
        response = web.Response(text=page, content_type="text/html")
        token = self._token_of(request)
        if token and self.settings.access.required:
            response.set_cookie(self.cookie, token, httponly=True, samesite="Strict", secure=secure, path="/")
        # Only this server may frame the page: no other site can overlay it to steer clicks.
        response.headers["Content-Security-Policy"] = "frame-ancestors 'none'"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    def _full(self, user: User) -> bool:
        """No seat for `user`: every seat is taken, and none by the same learner (whose old
        session a new one replaces)."""
        return (len(self.sessions) >= self.settings.max_sessions
                and not any(s.user == user for s in self.sessions.values()))

    # -- sessions -------------------------------------------------------------------------------
    # Returns a refusal page (a plain response) when no seat is free, hence the wider type.
    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        user: User = request[USER_KEY]
        for older in [s for s in self.sessions.values() if s.user == user]:
            await self._close(older, "opened in another tab")
        if self._full(user):
            with speaking(session_language(user)):
                return _refuse(503, _("All seats are taken"), _("Every session is in use."))
        # The seat is taken before the first await, so two connections cannot both take the last one.
        websocket = web.WebSocketResponse(heartbeat=15)
        session_id = f"{os.getpid()}-{uuid.uuid4().hex}"
        process = SessionProcess(session_id, user, write_bytes=websocket.send_bytes,
                                 write_str=websocket.send_str, close=websocket.close,
                                 download_manager=self.download_manager)
        session = Session(session_id, user, process, websocket)
        self.sessions[session_id] = session
        try:
            await websocket.prepare(request)
            await process.start(_int(request.query.get("width"), 80), _int(request.query.get("height"), 24))
            self._publish()
            log.info("session %s started for %s (%d of %d)", session_id, user.name, len(self.sessions),
                     self.settings.max_sessions)
            messages = asyncio.ensure_future(self._relay(session))
            # Whichever ends first ends the session: the browser leaving, or the app exiting.
            ended = process.ended
            assert ended is not None   # start() made it
            await asyncio.wait([messages, ended], return_when=asyncio.FIRST_COMPLETED)
            messages.cancel()
        except Exception:
            log.exception("session %s failed", session_id)
        finally:
            await self._close(session, session.why_closed or "the connection closed")
        return websocket

    async def _relay(self, session: Session) -> None:
        """Browser -> app, as textual-serve does; key presses and the mouse count as input."""
        process = session.process
        async for message in session.websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                kind, *rest = json.loads(message.data)
            except (ValueError, TypeError):
                continue
            if kind == "stdin" and rest and isinstance(rest[0], str):
                session.last_input = time.time()
                await process.send_bytes(rest[0].encode("utf-8"))
            elif kind == "resize" and rest and isinstance(rest[0], dict):
                await process.set_terminal_size(_int(rest[0].get("width"), 80), _int(rest[0].get("height"), 24))
            elif kind == "ping" and rest:
                await session.websocket.send_json(["pong", rest[0]])
            elif kind == "blur":
                await process.blur()
            elif kind == "focus":
                await process.focus()

    async def _close(self, session: Session, why: str) -> None:
        if not session.why_closed:
            session.why_closed = why
        await session.process.finish()
        if session.websocket.prepared and not session.websocket.closed:
            await session.websocket.close()
        if self.sessions.pop(session.id, None) is not None:
            log.info("session %s of %s ended: %s", session.id, session.user.name, session.why_closed)
            self._publish()

    async def _watch(self) -> None:
        """End idle sessions; republish the sessions (their idle times) for `dltutor doctor`."""
        timeout = self.settings.idle_timeout_s
        tick = min(PUBLISH_EVERY_S, timeout / 4) if timeout > 0 else PUBLISH_EVERY_S
        while True:
            await asyncio.sleep(tick)
            if timeout > 0:
                now = time.time()
                with speaking("en"):           # for the log, which stays English
                    idle = describe_duration(timeout)
                for session in list(self.sessions.values()):
                    if not session.why_closed and now - session.last_input > timeout:
                        asyncio.ensure_future(self._close(session, f"no input for {idle}"))
            self._publish()

    def _publish(self) -> None:
        try:
            state.publish({"pid": os.getpid(), "url": self.address(), "max_sessions": self.settings.max_sessions,
                           "idle_timeout_s": self.settings.idle_timeout_s},
                          [s.describe() for s in self.sessions.values()])
        except OSError as exc:
            log.warning("cannot publish the sessions for 'dltutor doctor': %s", exc)

    # -- start and stop -------------------------------------------------------------------------
    async def on_startup(self, app: web.Application) -> None:
        self._loop_task = asyncio.ensure_future(self._watch())
        self._publish()

    def _listening(self, *args) -> None:
        """Called by aiohttp once the port is bound (in place of its own banner)."""
        self.settings.announce(self.browser_url())
        if self.settings.open_browser:
            import webbrowser

            asyncio.get_running_loop().run_in_executor(None, webbrowser.open, self.browser_url())

    def address(self) -> str:
        """http://host:port/ as a browser on this machine reaches it (no token)."""
        return local_address(self.settings.host, self.settings.port)

    def browser_url(self) -> str:
        token = self.settings.access.solo_token
        return self.address() + (f"?token={token}" if token else "")

    async def on_shutdown(self, app: web.Application) -> None:
        if self._loop_task is not None:
            self._loop_task.cancel()
        await asyncio.gather(*(self._close(s, "the server stopped") for s in list(self.sessions.values())),
                             return_exceptions=True)
        state.withdraw(os.getpid())

    def initialize_logging(self) -> None:
        """One plain line per event (textual-serve's rich log wraps lines at the console width)."""
        logging.basicConfig(level=logging.DEBUG if self.debug else logging.INFO,
                            format="%(asctime)s %(message)s", datefmt="%H:%M:%S", stream=sys.stdout, force=True)

    def serve(self, debug: bool = False) -> None:
        """As textual-serve's serve(), without the access log (request URLs carry tokens)."""
        self.debug = debug
        self.initialize_logging()
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        import signal

        for signum in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(signum, self.request_exit)
            except (NotImplementedError, RuntimeError):
                pass
        try:
            web.run_app(self._make_app(), host=self.settings.host, port=self.settings.port,
                        handle_signals=False, loop=loop, access_log=None, print=self._listening)
        finally:
            state.withdraw(os.getpid())

    def request_exit(self) -> None:
        raise GracefulExit()


def session_language(user: User) -> str:
    """The language `user`'s app will start in, for the page around it. A learner without a home
    of their own runs in the server's $DLTUTOR_HOME, so the server's language is theirs; a
    classroom learner's app reads their own home's saved setting, unless the server was started
    with a language (--lang or $DLTUTOR_LANG, which every session inherits)."""
    if user.home is None:
        return current_language()
    return normalise(os.environ.get(ENV)) or saved_language(user.home) or locale_language()


def local_address(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("", "0.0.0.0") else "::1" if host == "::" else host
    if ":" in shown:
        shown = f"[{shown.strip('[]')}]"
    return f"http://{shown}:{port}/"


def _secure(request: web.Request) -> bool:
    """Whether the browser reached us over HTTPS (directly, or through a proxy that says so)."""
    return request.secure or request.headers.get("X-Forwarded-Proto", "").lower() == "https"


def _same_origin(request: web.Request) -> bool:
    """The websocket's Origin is this server's own page: same scheme-adjusted host and port."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True      # not a browser (browsers always send Origin on a websocket): the token decides
    from yarl import URL

    try:
        offered = URL(origin)
        expected = URL(f"{'https' if _secure(request) else 'http'}://{request.host}")
    except ValueError:
        return False
    return offered.host is not None and (offered.scheme, offered.host.lower(), offered.port) == (
        expected.scheme, (expected.host or "").lower(), expected.port)


def _refuse(status: int, title: str, body: str) -> web.Response:
    return web.Response(status=status, text=message_page(title, body), content_type="text/html",
                        headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"})


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
