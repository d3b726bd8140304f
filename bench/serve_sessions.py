"""Memory and CPU of one served session (`dltutor serve`), measured in a real browser.

A server starts on a free port with a fresh DLTUTOR_HOME; headless Chromium opens the page and
the session goes through three phases, measured the way `dltutor doctor` measures a session
(every process of the session, found through /proc):

    idle      the home screen, the grading service warm, nothing happening (CPU over --idle-s)
    grading   conv2d open, its model solution graded with ctrl+r (peak memory, CPU seconds)
    demo      the cnn demo started from the app with `r`, sampled for --demo-s (peak memory, cores used)

Memory is PSS (shared pages split between the processes that share them, so sessions add up)
and RSS (what `top` shows; it counts torch's shared libraries once per process).

Usage: python bench/serve_sessions.py [--idle-s 20] [--demo-s 45] [--chromium /usr/bin/chromium]
Needs textual-serve, playwright and Chromium.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(CHECKOUT))

from tutor.serve.processes import memory, session_processes  # noqa: E402

TOKEN = "bench-token-0123456789abcdef"
RECORD = """
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
ESCAPES = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78])")
TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])      # utime, stime
        except (OSError, IndexError):
            pass
    return total / TICK


class Sampler:
    """Samples a session's memory every 0.2 s in a thread; keeps the peak."""

    def __init__(self, session_id: str) -> None:
        self.session_id = session_id
        self.peak_pss = self.peak_rss = self.processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            now = memory(session_processes(self.session_id))
            if now.pss_bytes > self.peak_pss:
                self.peak_pss, self.peak_rss, self.processes = now.pss_bytes, now.rss_bytes, now.processes
            time.sleep(0.2)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def _role(pid: int) -> str:
    """A short name for a session process, from its command line."""
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return "?"
    words = [a.decode(errors="replace") for a in argv if a]
    if "-m" in words:
        return words[words.index("-m") + 1]
    if "-c" in words:                    # multiprocessing's helpers: "from multiprocessing.X import main"
        found = re.search(r"from (\S+) import", words[words.index("-c") + 1])
        if found:
            return found.group(1)
    return " ".join(words)[:40]


def mib(size: float) -> str:
    return f"{size / 2**20:,.0f} MiB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--idle-s", type=float, default=20.0)
    parser.add_argument("--demo-s", type=float, default=45.0)
    parser.add_argument("--screenshot", help="save the page at the end of the demo phase (PNG)")
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser"))
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    home = Path(tempfile.mkdtemp(prefix="dltutor-bench-")) / "home"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "DLTUTOR_HOME": str(home)}
    server = subprocess.Popen([sys.executable, "-m", "tutor", "serve", "--port", str(port), "--token", TOKEN],
                              cwd=CHECKOUT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(server.stdout), daemon=True).start()
    try:
        while not any("served at" in line for line in lines):
            time.sleep(0.1)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=options.chromium, args=["--no-sandbox"])
            tab = browser.new_page(viewport={"width": 1280, "height": 800})
            tab.add_init_script(RECORD)
            seen = [0]

            def wait_for(text: str, timeout_s: float = 180) -> None:
                deadline = time.monotonic() + timeout_s
                while not re.search(text, ESCAPES.sub("", tab.evaluate(f"window.__received.slice({seen[0]}).join('')"))):
                    assert time.monotonic() < deadline, f"never saw {text!r}"
                    time.sleep(0.2)

            def mark() -> None:
                seen[0] = tab.evaluate("window.__received.length")

            tab.goto(f"http://127.0.0.1:{port}/?token={TOKEN}")
            wait_for("Exercises passed")
            tab.focus(".xterm-helper-textarea")
            session_id = next(re.search(r"session (\S+) started", line).group(1)
                              for line in lines if " started for " in line)
            # The grading service imports torch after the first frame: let the session settle (CPU
            # below 5% of a core over 5 s, or 90 s at most) before measuring it idle.
            settle_deadline = time.monotonic() + 90
            while time.monotonic() < settle_deadline:
                before = cpu_seconds(session_processes(session_id))
                time.sleep(5)
                if cpu_seconds(session_processes(session_id)) - before < 0.25:
                    break
            pids = session_processes(session_id)
            idle_memory = memory(pids)
            idle_parts = [(_role(pid), memory([pid])) for pid in pids]
            before = cpu_seconds(pids)
            time.sleep(options.idle_s)
            idle_cpu = (cpu_seconds(session_processes(session_id)) - before) / options.idle_s

            mark()
            tab.keyboard.press("Control+p")
            tab.keyboard.type("Exercise: conv2d")
            wait_for("2-D convolution")
            tab.keyboard.press("Enter")
            wait_for("NotImplementedError")
            workspace = home / "workspace" / "conv2d.py"
            solution = (CHECKOUT / "exercises" / "conv2d" / "solution.py").read_text(encoding="utf-8")
            workspace.with_suffix(".tmp").write_text(solution, encoding="utf-8")
            workspace.with_suffix(".tmp").replace(workspace)
            wait_for("reloaded from disk")
            mark()
            with Sampler(session_id) as grading:
                before = cpu_seconds(session_processes(session_id))
                started = time.monotonic()
                tab.keyboard.press("Control+r")
                wait_for("PASS")
                grade_s = time.monotonic() - started
                grade_cpu = cpu_seconds(session_processes(session_id)) - before

            mark()
            tab.keyboard.press("Control+p")
            tab.keyboard.type("Demo: cnn")
            time.sleep(2)
            tab.keyboard.press("Enter")
            wait_for(r"Start \(r\)")
            time.sleep(2)
            tab.keyboard.press("r")
            with Sampler(session_id) as demo:
                started = time.monotonic()
                wait_for(r"step [1-9]", timeout_s=900)                 # training has begun (data loaded, model built)
                demo_start_s = time.monotonic() - started
                mark()
                before = cpu_seconds(session_processes(session_id))
                time.sleep(options.demo_s)
                demo_cores = (cpu_seconds(session_processes(session_id)) - before) / options.demo_s
            server_memory = memory([server.pid])
            demo_text = ESCAPES.sub("", tab.evaluate(f"window.__received.slice({seen[0]}).join('')"))
            demo_steps = re.findall(r"step (\d+)", demo_text)
            if options.screenshot:
                tab.screenshot(path=options.screenshot)
            browser.close()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)

    print(f"dltutor serve, one session, {os.cpu_count()} CPUs (measured with /proc, as `dltutor doctor`)")
    print(f"  server process       {mib(server_memory.pss_bytes)} PSS, {mib(server_memory.rss_bytes)} RSS")
    print(f"  idle (home, warm)    {mib(idle_memory.pss_bytes)} PSS, {mib(idle_memory.rss_bytes)} RSS, "
          f"{idle_memory.processes} processes, {idle_cpu * 100:.1f}% of a core")
    for role, part in idle_parts:
        print(f"      {role:28} {mib(part.pss_bytes)} PSS, {mib(part.rss_bytes)} RSS")
    print(f"  grading conv2d       peak {mib(grading.peak_pss)} PSS, {mib(grading.peak_rss)} RSS, "
          f"{grading.processes} processes; {grade_cpu:.2f} CPU-s, {grade_s:.2f} s to PASS")
    print(f"  cnn demo training    peak {mib(demo.peak_pss)} PSS, {mib(demo.peak_rss)} RSS, "
          f"{demo.processes} processes; {demo_cores:.2f} cores busy"
          + f"; first step after {demo_start_s:.0f} s" + (f", step {demo_steps[-1]} after {options.demo_s:.0f} s more"
                                                         if demo_steps else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
