"""`dltutor serve`: who may connect, when it refuses to start, the session cap, the idle timeout,
per-learner homes, doctor's report, and that a closed session leaves no process behind; then the
real thing in headless Chromium: home screen, conv2d, a correct solution, ctrl+r, PASS, a demo
started, the tab closed and not one of the session's processes left.

The access rules are tested without any web server; the server tests need textual-serve (skipped
without it), and the browser tests need Chromium and Playwright too (marked `browser`).
"""
from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tutor.content import shipped_catalog
from tutor.serve.access import Access, AccessError, User, is_local, make_tokens, plan_access, read_tokens

CHECKOUT = Path(__file__).resolve().parent.parent
WAIT_S = 120.0          # the test machine is slow and shared: wait generously, never assert on time
TOKEN = "a-test-token-0123456789"


def _importable(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


needs_server = pytest.mark.skipif(not (_importable("textual_serve") and _importable("aiohttp")),
                                  reason="textual-serve is not installed (pip install 'dltutor[serve]')")
needs_proc = pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc to count processes")


# -- the access rules (no server) ---------------------------------------------------------------

def test_loopback_addresses_are_local_and_others_are_not():
    assert all(is_local(h) for h in ("127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"))
    assert not any(is_local(h) for h in ("0.0.0.0", "::", "192.168.1.5", "10.0.0.1", "example.org", ""))


def test_a_reachable_address_without_a_token_is_refused_with_what_to_do():
    for host in ("0.0.0.0", "::", "192.168.1.5", "gpu-box.example.org"):
        with pytest.raises(AccessError, match="refusing to serve") as caught:
            plan_access(host)
        assert "--token auto" in str(caught.value) and "--tokens FILE" in str(caught.value)
    with pytest.raises(AccessError, match="only allowed on a loopback address"):
        plan_access("0.0.0.0", no_token=True)


def test_localhost_gets_a_fresh_token_by_default_and_checks_it():
    first, second = plan_access("127.0.0.1"), plan_access("127.0.0.1")
    assert first.required and first.solo_token and len(first.solo_token) >= 32
    assert first.solo_token != second.solo_token
    assert first.user_for(first.solo_token) is not None
    for wrong in (None, "", second.solo_token, first.solo_token[:-1], first.solo_token + "x"):
        assert first.user_for(wrong) is None
    assert plan_access("localhost", no_token=True).user_for(None) is not None


def test_explicit_tokens_auto_and_too_short():
    access = plan_access("0.0.0.0", token=TOKEN)
    assert access.solo_token == TOKEN and access.user_for(TOKEN).home is None
    auto = plan_access("0.0.0.0", token="auto")
    assert auto.solo_token not in (None, "auto")
    with pytest.raises(AccessError, match="at least 16 characters"):
        plan_access("0.0.0.0", token="short")
    with pytest.raises(AccessError, match="only letters, digits"):
        plan_access("0.0.0.0", token="has spaces in it, so no good")


def test_a_classroom_gives_each_token_its_own_home(tmp_path):
    tokens = tmp_path / "class.tokens"
    tokens.write_text("# our class\n\n" + make_tokens(["alice", "bob"]), encoding="utf-8")
    names = read_tokens(tokens)
    access = plan_access("0.0.0.0", tokens_file=tokens, homes=tmp_path / "homes")
    assert access.solo_token is None
    assert access.user_for(names["alice"]) == User("alice", (tmp_path / "homes" / "alice").resolve())
    assert access.user_for(names["bob"]).home == (tmp_path / "homes" / "bob").resolve()
    assert access.user_for(names["alice"][::-1]) is None
    with pytest.raises(AccessError, match="--homes"):
        plan_access("0.0.0.0", tokens_file=tokens)
    with pytest.raises(AccessError, match="--tokens FILE"):
        plan_access("127.0.0.1", homes=tmp_path / "homes")


@pytest.mark.parametrize("content, message", [
    ("alice\n", "line 1: expected 'name:token'"),
    ("alice:short\n", "line 1: a token needs at least 16"),
    (f"../up:{TOKEN}\n", "line 1: '../up' is not a usable name"),
    (f"a:{TOKEN}\nb:{TOKEN}\n", "line 2: this token is already given"),
    (f"a:{TOKEN}\na:{TOKEN}x\n", "line 2: the name 'a' appears twice"),
    ("# nobody\n", "names nobody"),
])
def test_a_bad_tokens_file_says_which_line_and_why(tmp_path, content, message):
    tokens = tmp_path / "class.tokens"
    tokens.write_text(content, encoding="utf-8")
    with pytest.raises(AccessError, match=re.escape(message)):
        read_tokens(tokens)


def test_user_for_accepts_exactly_the_listed_tokens():
    access = Access({TOKEN: User("a"), TOKEN + "b": User("b")})
    assert access.user_for(TOKEN).name == "a" and access.user_for(TOKEN + "b").name == "b"
    assert access.user_for(TOKEN.upper()) is None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_serve_on_all_addresses_without_a_token_refuses_to_start(tmp_path):
    port = _free_port()
    done = subprocess.run([sys.executable, "-m", "tutor", "serve", "--host", "0.0.0.0", "--port", str(port)],
                          capture_output=True, text=True, timeout=60, cwd=CHECKOUT)
    assert done.returncode == 2
    assert "refusing to serve on 0.0.0.0 without a token" in done.stderr
    assert not _listening(port)


def test_make_tokens_prints_a_usable_tokens_file(tmp_path):
    done = subprocess.run([sys.executable, "-m", "tutor", "serve", "--make-tokens", "alice", "bob"],
                          capture_output=True, text=True, timeout=60, cwd=CHECKOUT)
    assert done.returncode == 0, done.stderr
    path = tmp_path / "class.tokens"
    path.write_text(done.stdout, encoding="utf-8")
    assert sorted(read_tokens(path)) == ["alice", "bob"]


def test_without_textual_serve_it_says_how_to_install_it(monkeypatch, capsys):
    from tutor.cli import main

    # As if it were not installed: its submodules too, which an earlier test may have imported (an
    # import of "textual_serve.server" finds that entry without looking at its parent's).
    for name in [name for name in sys.modules if name.startswith("textual_serve.")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "textual_serve", None)
    monkeypatch.delitem(sys.modules, "tutor.serve.server", raising=False)
    assert main(["serve", "--port", str(_free_port())]) == 1
    assert "pip install 'dltutor[serve]'" in capsys.readouterr().err


# -- a running server ---------------------------------------------------------------------------

class Served:
    """`python -m tutor serve ARGS` on a free port, stopped (and checked) on exit."""

    def __init__(self, home: Path, *args: str) -> None:
        self.home = home
        self.port = _free_port()
        self.args = ["--port", str(self.port), *args]
        self.output: list[str] = []

    def __enter__(self) -> Served:
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        env["DLTUTOR_HOME"] = str(self.home)
        self.process = subprocess.Popen([sys.executable, "-m", "tutor", "serve", *self.args], cwd=CHECKOUT,
                                        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._read, daemon=True).start()
        deadline = time.monotonic() + WAIT_S
        while not any("dltutor is served at" in line for line in self.output):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError("the server did not start:\n" + "".join(self.output))
            time.sleep(0.1)
        return self

    def _read(self) -> None:
        for line in self.process.stdout:
            self.output.append(line)

    def __exit__(self, *exc) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for pid in leftovers(self.process.pid, self.home):   # never leave anything behind
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def wait_for_output(self, text: str) -> None:
        deadline = time.monotonic() + WAIT_S
        while not any(text in line for line in self.output):
            assert time.monotonic() < deadline, f"the server never said {text!r}:\n" + "".join(self.output)
            time.sleep(0.1)


def leftovers(server_pid: int, home: Path) -> list[int]:
    """Live processes that belong to served sessions: descendants of the server, and any process
    whose environment holds DLTUTOR_HOME under `home` (an orphan would have lost its parent)."""
    table = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] not in ("Z", "X"):
                table[int(entry.name)] = int(fields[1])
    found = set()
    frontier = {server_pid}
    while frontier:
        frontier = {pid for pid, parent in table.items() if parent in frontier} - found
        found |= frontier
    needle = f"\0DLTUTOR_HOME={home}".encode()
    for pid in table:
        if pid in (os.getpid(), server_pid):
            continue
        try:
            if needle in b"\0" + (Path("/proc") / str(pid) / "environ").read_bytes():
                found.add(pid)
        except OSError:
            pass
    return sorted(found)


def _cmdline(pid: int) -> bytes:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes()
    except OSError:
        return b""


def wait_until_gone(server_pid: int, home: Path) -> list[int]:
    deadline = time.monotonic() + WAIT_S
    left = leftovers(server_pid, home)
    while left and time.monotonic() < deadline:
        time.sleep(0.2)
        left = leftovers(server_pid, home)
    return left


def _get(url: str, **headers: str) -> tuple[int, str, dict]:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


async def _websocket(url: str, *, token: str | None = None, origin: str | None = None,
                     until: float = 0.0) -> tuple[int, bytes]:
    """Connect to /ws; (HTTP status, what the app sent within `until` seconds). 101 = accepted."""
    import aiohttp

    headers = {"Origin": origin} if origin else {}
    query = f"?token={token}" if token else ""
    async with aiohttp.ClientSession() as client:
        try:
            socket_ = await client.ws_connect(url.replace("http", "ws", 1) + "ws" + query + ("&" if query else "?")
                                              + "width=100&height=30", headers=headers)
        except aiohttp.WSServerHandshakeError as refused:
            return refused.status, b""
        received = b""
        deadline = time.monotonic() + until
        async with socket_:
            while time.monotonic() < deadline:
                try:
                    message = await socket_.receive(timeout=max(0.1, deadline - time.monotonic()))
                except TimeoutError:
                    break
                if message.type == aiohttp.WSMsgType.BINARY:
                    received += message.data
                elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING):
                    break
        return 101, received


@needs_server
def test_the_page_and_the_websocket_need_the_token(tmp_path):
    with Served(tmp_path / "home", "--token", TOKEN) as served:
        status, body, _ = _get(served.url)
        assert status == 403 and "needs its token" in body
        status, body, _ = _get(served.url + "?token=" + TOKEN[:-1] + "X")
        assert status == 403
        status, body, headers = _get(served.url + "?token=" + TOKEN)
        assert status == 200 and "textual.js" in body
        assert f"dltutor_token_{served.port}={TOKEN}" in headers["Set-Cookie"]
        assert "HttpOnly" in headers["Set-Cookie"] and "SameSite=Strict" in headers["Set-Cookie"]
        # The cookie alone opens the page again (the "start again" button reloads it).
        assert _get(served.url, Cookie=f"dltutor_token_{served.port}={TOKEN}")[0] == 200

        assert asyncio.run(_websocket(served.url))[0] == 403
        assert asyncio.run(_websocket(served.url, token="wrong-" + TOKEN))[0] == 403
        # The right token from another website's page (cross-site websocket hijacking): refused.
        assert asyncio.run(_websocket(served.url, token=TOKEN, origin="http://evil.example"))[0] == 403
        assert not any("session" in line and "started" in line for line in served.output)


@needs_server
def test_without_a_token_only_a_loopback_host_name_is_served(tmp_path):
    """--no-token: a page whose Host is another name (DNS rebinding: a website that re-points its
    own name at 127.0.0.1) is refused, so no website can reach the server through the browser."""
    with Served(tmp_path / "home", "--no-token") as served:
        assert _get(served.url)[0] == 200
        assert _get(served.url, Host=f"localhost:{served.port}")[0] == 200
        status, body, _ = _get(served.url, Host=f"rebound.example:{served.port}")
        assert status == 403 and "localhost only" in body


@needs_server
@pytest.mark.parametrize("host, origin, forwarded, same", [
    ("127.0.0.1:8000", "http://127.0.0.1:8000", None, True),
    ("127.0.0.1:8000", "http://127.0.0.1:8001", None, False),
    ("127.0.0.1:8000", "http://evil.example", None, False),
    ("127.0.0.1:8000", "null", None, False),
    ("class.example.org", "https://class.example.org", "https", True),      # behind an HTTPS proxy
    ("class.example.org", "https://class.example.org", None, False),        # a proxy that does not say so
    ("class.example.org", "http://class.example.org", "https", False),
])
def test_the_websocket_origin_must_be_the_servers_own_page(host, origin, forwarded, same):
    from aiohttp.test_utils import make_mocked_request

    from tutor.serve.server import _same_origin

    headers = {"Host": host, "Origin": origin, **({"X-Forwarded-Proto": forwarded} if forwarded else {})}
    assert _same_origin(make_mocked_request("GET", "/ws", headers=headers)) is same


@needs_server
@needs_proc
@pytest.mark.slow
def test_a_classroom_seat_limit_homes_doctor_and_clean_up(tmp_path):
    tokens = tmp_path / "class.tokens"
    tokens.write_text(f"alice:{TOKEN}a\nbob:{TOKEN}b\n", encoding="utf-8")
    homes = tmp_path / "homes"
    with Served(tmp_path / "home", "--host", "127.0.0.1", "--tokens", str(tokens), "--homes", str(homes),
                "--max-sessions", "1") as served:
        async def alice_then_bob() -> tuple:
            alice = asyncio.ensure_future(_websocket(served.url, token=TOKEN + "a", until=WAIT_S))
            # Wait until alice's app has started its grading service (app + service at least).
            deadline = time.monotonic() + WAIT_S
            while len(leftovers(served.process.pid, homes / "alice")) < 2:
                assert time.monotonic() < deadline, "alice's session never started:\n" + "".join(served.output)
                await asyncio.sleep(0.2)
            page = await asyncio.to_thread(_get, served.url + "?token=" + TOKEN + "b")
            bob = await _websocket(served.url, token=TOKEN + "b")
            alice_again = await asyncio.to_thread(_get, served.url + "?token=" + TOKEN + "a")
            doctor = await asyncio.to_thread(doctor_json, served.home)
            alice.cancel()                         # alice closes her tab
            return page, bob, alice_again, doctor

        page, bob, alice_again, doctor = asyncio.run(alice_then_bob())
        assert page[0] == 503 and "All seats are taken" in page[1] and "at most 1 sessions" in page[1]
        assert bob[0] == 503
        assert alice_again[0] == 200, "a learner's own new tab replaces their session: never 'full' for them"

        facts = json.loads(doctor)
        (server,) = facts["serving"]
        (session,) = server["sessions"]
        assert session["user"] == "alice" and session["home"] == str((homes / "alice").resolve())
        assert session["memory"]["processes"] >= 2 and session["memory"]["pss_bytes"] > 10 * 2**20

        assert wait_until_gone(served.process.pid, homes / "alice") == [], "alice's processes outlived her tab"
        served.wait_for_output("ended: the connection closed")
        assert (homes / "alice" / "progress.sqlite3").exists()     # her work lives in her own home
        assert not (homes / "bob").exists()
        assert _get(served.url + "?token=" + TOKEN + "b")[0] == 200    # the seat is free again


def doctor_json(home: Path) -> str:
    """What `dltutor doctor --json` prints for `home`, from this process (another one than the server's,
    as a learner's shell is; torch, which doctor reports on, is loaded here already)."""
    import contextlib
    import io

    from tutor.cli import main

    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stdout(out):
        patch.setenv("DLTUTOR_HOME", str(home))
        assert main(["doctor", "--json"]) == 0
    return out.getvalue()


@needs_server
@needs_proc
@pytest.mark.slow
def test_an_idle_session_ends_and_takes_its_processes_with_it(tmp_path):
    home = tmp_path / "home"
    with Served(home, "--token", TOKEN, "--idle-timeout", "3") as served:
        started = time.monotonic()
        status, received = asyncio.run(_websocket(served.url, token=TOKEN, until=WAIT_S))
        assert status == 101 and received, "the app sent nothing"
        assert time.monotonic() - started < WAIT_S, "the idle session was never closed"
        served.wait_for_output("ended: no input for 3 seconds")
        assert wait_until_gone(served.process.pid, home) == []


@needs_server
@needs_proc
@pytest.mark.slow
def test_a_killed_server_takes_its_sessions_with_it(tmp_path):
    """A server killed outright (no clean-up of its own): each app process gets SIGTERM from the
    kernel (PR_SET_PDEATHSIG) and stops its grading service and demos before it exits."""
    home = tmp_path / "home"
    with Served(home, "--token", TOKEN) as served:
        async def connect_then_kill_the_server() -> None:
            session = asyncio.ensure_future(_websocket(served.url, token=TOKEN, until=WAIT_S))
            deadline = time.monotonic() + WAIT_S
            while len(leftovers(served.process.pid, home)) < 2:     # the app and its grading service
                assert time.monotonic() < deadline, "the session never started:\n" + "".join(served.output)
                await asyncio.sleep(0.2)
            served.process.kill()
            served.process.wait()
            session.cancel()

        asyncio.run(connect_then_kill_the_server())
        assert wait_until_gone(served.process.pid, home) == [], "sessions outlived their killed server"


# -- in a real browser --------------------------------------------------------------------------

CHROMIUM = next((path for path in (os.environ.get("DLTUTOR_CHROMIUM"), shutil.which("chromium"),
                                   shutil.which("chromium-browser")) if path), None)


def browser_test(test):
    """Marked `browser`; skipped, with the reason, without textual-serve, Chromium or Playwright."""
    for mark in (pytest.mark.browser, needs_server,
                 pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"),
                 pytest.mark.skipif(not _importable("playwright"),
                                    reason="Playwright is not installed (pip install playwright)")):
        test = mark(test)
    return test

# textual.js draws the terminal on a canvas, so the test reads what the app sends instead: every
# websocket message the page receives, decoded, escape sequences removed.
RECORD_SCREEN = """
window.__received = [];
const NativeWebSocket = window.WebSocket;
window.WebSocket = class extends NativeWebSocket {
  constructor(...args) {
    super(...args);
    const decoder = new TextDecoder();
    this.addEventListener('message', (event) => window.__received.push(
      typeof event.data === 'string' ? event.data : decoder.decode(event.data, {stream: true})));
  }
};
"""
_ESCAPES = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78])")


class Page:
    def __init__(self, page) -> None:
        self.page = page
        self.seen = 0

    def text(self) -> str:
        return _ESCAPES.sub("", self.page.evaluate(f"window.__received.slice({self.seen}).join('')"))

    def mark(self) -> None:
        """Later waits only look at what arrives from now on."""
        self.seen = self.page.evaluate("window.__received.length")

    def wait_for(self, text: str, what: str) -> str:
        deadline = time.monotonic() + WAIT_S
        while True:
            screen = self.text()
            if text in screen:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; the app sent:\n{screen[:2000]}\n…\n{screen[-2000:]}")
            time.sleep(0.25)


@pytest.fixture
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield instance
        finally:
            instance.close()


@browser_test
@pytest.mark.slow
@needs_proc
def test_in_a_browser_grade_conv2d_run_a_demo_and_leave_nothing_behind(tmp_path, chromium):
    home = tmp_path / "home"
    solution = shipped_catalog().exercise("conv2d").solution.read_text(encoding="utf-8")
    with Served(home, "--token", TOKEN) as served:
        tab = chromium.new_page(viewport={"width": 1280, "height": 800})
        tab.add_init_script(RECORD_SCREEN)
        response = tab.goto(served.url + "?token=" + TOKEN)
        assert response.status == 200
        page = Page(tab)
        page.wait_for("Exercises passed", "the home screen")
        tab.focus(".xterm-helper-textarea")             # where xterm.js takes the keyboard

        page.mark()
        tab.keyboard.press("Control+p")
        page.wait_for("Search", "the command palette")
        tab.keyboard.type("Exercise: conv2d")
        page.wait_for("2-D convolution", "conv2d in the palette")
        tab.keyboard.press("Enter")
        page.wait_for("def conv2d(", "the conv2d starter in the editor")

        workspace = home / "workspace" / "conv2d.py"
        assert workspace.exists(), "the exercise screen did not create the workspace file"
        page.mark()
        partial = workspace.with_suffix(".tmp")          # "another editor" saves a correct solution
        partial.write_text(solution, encoding="utf-8")
        partial.replace(workspace)
        page.wait_for("reloaded from disk", "the app to pick up the new file")

        page.mark()
        tab.keyboard.press("Control+r")
        screen = page.wait_for("PASS", "the PASS verdict")
        assert "FAIL" not in screen
        assert leftovers(served.process.pid, home), "no session processes while the page was open"

        # A demo keeps training while the learner reads elsewhere; closing the tab must end it too.
        page.mark()
        tab.keyboard.press("Control+p")
        tab.keyboard.type("Demo: gd")
        page.wait_for("Demo: gd", "the gd demo in the palette")
        tab.keyboard.press("Enter")
        page.wait_for("Start (r)", "the demo screen")
        tab.keyboard.press("r")
        deadline = time.monotonic() + WAIT_S
        while not any(b"tutor.demos.runner" in _cmdline(pid) for pid in leftovers(served.process.pid, home)):
            assert time.monotonic() < deadline, "the demo never started"
            time.sleep(0.2)

        tab.close()                                      # the learner closes the tab
        assert wait_until_gone(served.process.pid, home) == [], "the session's processes outlived its tab"


@browser_test
def test_in_a_browser_a_wrong_token_is_refused_on_the_page_and_the_websocket(tmp_path, chromium):
    with Served(tmp_path / "home", "--token", TOKEN) as served:
        tab = chromium.new_page()
        response = tab.goto(served.url + "?token=not-the-" + TOKEN)
        assert response.status == 403
        assert "This link needs its token" in tab.content()
        # From the refused page (same origin, but no valid token or cookie), the websocket fails.
        outcome = tab.evaluate("""() => new Promise((resolve) => {
            const ws = new WebSocket(`ws://${location.host}/ws?width=80&height=24`);
            ws.onopen = () => resolve('opened');
            ws.onclose = () => resolve('closed');
        })""")
        assert outcome == "closed"
        assert not any("started" in line for line in served.output)

