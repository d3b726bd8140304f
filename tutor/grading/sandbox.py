"""The child process that runs learner code: everything here runs on the untrusted side, and the
grading process imports nothing from it (the calls both sides share are in tutor.grading.calls).

The grading process sends requests (torch.save'd bytes) and reads back plain data only
(tensors, numbers, strings, lists, dicts — loaded with weights_only=True), so nothing the
learner's code does here can change a verdict: the comparison happens in the parent.

This module is preloaded by the fork-server, so it imports torch once, up front, and children
forked from it start warm.
"""
from __future__ import annotations

import importlib.util
import io
import linecache
import os
import reprlib
import signal
import sys
import traceback

import torch
import torch.nn  # noqa: F401  (warm the modules learner code imports)
import torch.nn.functional  # noqa: F401

from tutor.grading import isolation
from tutor.grading.calls import execute, to_device
from tutor.grading.forbidden import ForbiddenAPIError, SandboxRefusal
from tutor.grading.isolation import proc_status_bytes  # noqa: F401  (re-exported)

MAX_LINES = 200
MAX_OUTPUT_CHARS = 200_000
LEARNER_MODULE = "learner_solution"


def warm() -> None:
    """Pay the lazy first-use costs once, in the fork-server, instead of in every child.

    autograd.grad imports torch.fx's symbolic shapes (and sympy) on first use: ~0.7 s. One
    thread only, so no OpenMP pool exists when the fork-server forks.
    """
    torch.set_num_threads(1)
    x = torch.randn(2, 3, dtype=torch.float64, requires_grad=True)
    y = torch.einsum("ij,kj->ik", torch.nn.functional.pad(x, (1, 1)), torch.ones(4, 5, dtype=torch.float64))
    torch.autograd.grad([y.tanh().sigmoid()], [x], [torch.ones(2, 4, dtype=torch.float64)])
    importlib.import_module("torch.fx.experimental.symbolic_shapes")  # what grad_outputs checking imports
    importlib.import_module("torch._dynamo")  # what the first torch.optim optimizer imports (~1.3 s)
    torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.1, momentum=0.9).step()
    # Modules whose callables some exercises forbid: imported here, so the guards find them at once.
    importlib.import_module("torch.distributions")
    importlib.import_module("torch.func")



def encode(obj) -> bytes:
    buffer = io.BytesIO()
    torch.save(obj, buffer)
    return buffer.getvalue()


def decode_request(data: bytes):
    return torch.load(io.BytesIO(data), weights_only=False)  # requests come from the grader: trusted


class CappedOutput(io.TextIOBase):
    """Keeps the first MAX_LINES lines and MAX_OUTPUT_CHARS characters (written through to a file, so a
    crash keeps them) and counts the rest."""

    def __init__(self, handle) -> None:
        self.handle = handle
        self.lines = 0
        self.chars = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            text = str(text)
        for piece in text.splitlines(keepends=True):
            if self.lines < MAX_LINES and self.chars < MAX_OUTPUT_CHARS:
                kept = piece[:MAX_OUTPUT_CHARS - self.chars]
                self.handle.write(kept)
                self.chars += len(kept)
            if piece.endswith("\n"):
                self.lines += 1
        self.handle.flush()
        return len(text)

    def flush(self) -> None:
        self.handle.flush()


def sanitize(value, depth: int = 0):
    """Plain data only: a tensor (detached, a plain torch.Tensor), numbers, strings, containers."""
    if depth > 20:
        return {"__foreign__": "deeply nested value", "repr": "…"}
    if isinstance(value, torch.Tensor):
        plain = value.detach()
        if type(plain) is not torch.Tensor:
            plain = plain.as_subclass(torch.Tensor)
        return {"__tensor__": plain.clone(), "requires_grad": bool(value.requires_grad)}
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, tuple):
        return {"__tuple__": [sanitize(v, depth + 1) for v in value]}
    if isinstance(value, list):
        return [sanitize(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {"__dict__": {str(k): sanitize(v, depth + 1) for k, v in value.items()}}
    kind = f"{type(value).__module__}.{type(value).__qualname__}"
    return {"__foreign__": kind, "repr": reprlib.repr(value)}


def describe_exception(exc: BaseException, learner_file: str) -> dict:
    """Type, message, and the learner's own frames only (the grader's frames teach nothing)."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == learner_file]
    line = frames[-1].lineno if frames else None
    text = "".join(traceback.format_list(frames[-8:])) if frames else ""
    message = str(exc)
    kind = type(exc).__name__
    category = "exception"
    if isinstance(exc, NotImplementedError):
        category = "not_implemented"
    elif isinstance(exc, (ForbiddenAPIError, SandboxRefusal)):
        category = "forbidden"
        template = getattr(exc, "template", None)
        if isinstance(template, str):      # said again in the learner's language by the grading process
            return {"type": kind, "message": message[:2000], "traceback": text, "line": line, "category": category,
                    "template": template[:2000], "values": {str(k): str(v)[:500] for k, v in exc.values.items()},
                    "phrases": [str(name) for name in exc.phrases]}
    elif isinstance(exc, RecursionError):
        category = "recursion"
    elif isinstance(exc, MemoryError) or "can't allocate memory" in message or "out of memory" in message.lower():
        category = "memory"
    elif isinstance(exc, SystemExit):
        category = "exit"
        message = f"your code called sys.exit({exc.code!r})"
    return {"type": kind, "message": message[:2000], "traceback": text, "line": line, "category": category}


def _redirect_output(output_fd: int) -> CappedOutput:
    """Print into the file the grader opened (and reads through its own descriptor: nothing to swap)."""
    os.dup2(output_fd, 1)  # C-level writes land in the same file
    os.dup2(output_fd, 2)
    handle = os.fdopen(output_fd, "w", encoding="utf-8", errors="replace")
    capped = CappedOutput(handle)
    sys.stdout = sys.stderr = capped
    return capped


def load_source(name: str, path: str, source: str):
    """A module from source text the grader read (the file itself may be out of this process's sight)."""
    lines = source.splitlines(keepends=True)
    linecache.cache[path] = (len(source), None, lines, path)  # tracebacks still show the learner's lines
    spec = importlib.util.spec_from_loader(name, loader=None, origin=path)
    assert spec is not None   # no loader: a spec is always made
    module = importlib.util.module_from_spec(spec)
    module.__file__ = path
    sys.modules[name] = module
    exec(compile(source, path, "exec"), module.__dict__)
    return module


def load_learner(path: str, source: str):
    return load_source(LEARNER_MODULE, path, source)


def contained_main(conn, learner_file: str, config: dict, output) -> None:
    """Entry point of the fork-server's child: the walls of tutor.grading.isolation, then `main` inside them."""
    output_fd = output.detach()

    def body(mechanisms: list[str]) -> None:
        main(conn, learner_file, dict(config, isolation=mechanisms, output_fd=output_fd))

    isolation.contain(body, config.get("walls", {}), close_in_middle=(conn.fileno(), output_fd))


def main(conn, learner_file: str, config: dict) -> None:
    """The learner process (see contained_main): load the file, answer calls."""
    # The clock for the learner's time starts now; the grader learns which walls are up.
    conn.send_bytes(encode({"kind": "started", "isolation": config.get("isolation", [])}))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the grader decides when this process ends
    capped = _redirect_output(config["output_fd"])
    threads = config.get("threads")
    if threads:
        torch.set_num_threads(threads)
    harness = None
    if config.get("harness_file"):
        harness = load_source("exercise_harness", config["harness_file"], config["harness_source"])
    device = config.get("device", "cpu")
    if device != "cpu":
        torch.zeros(1, device=device)  # initialise the device before the guards refuse native loading
    private_tmp = config.get("private_tmp")
    if private_tmp:
        import tempfile

        os.makedirs(private_tmp, exist_ok=True)
        os.environ["TMPDIR"] = tempfile.tempdir = private_tmp
    from tutor.grading import guards

    guards.install(config, learner_file)  # the last thing before the learner's file runs
    sys.setrecursionlimit(1000)

    def send(message: dict) -> None:
        message["output_lines"] = capped.lines
        conn.send_bytes(encode(message))

    try:
        module = load_learner(learner_file, config["learner_source"])
    except SyntaxError as exc:
        send({"kind": "syntax_error", "message": exc.msg, "line": exc.lineno, "offset": exc.offset,
              "text": exc.text or "", "end_offset": getattr(exc, "end_offset", None)})
        return
    except BaseException as exc:  # noqa: BLE001 - everything the learner's import does is reported
        send({"kind": "import_error", "error": describe_exception(exc, learner_file)})
        return
    functions = sorted(name for name, value in vars(module).items() if callable(value) and not name.startswith("_"))
    send({"kind": "ready", "functions": functions})

    def answer(request: dict) -> dict:
        request["args"] = to_device(request.get("args", ()), device)
        request["kwargs"] = to_device(request.get("kwargs", {}), device)
        if request.get("grad_out") is not None:
            request["grad_out"] = to_device(request["grad_out"], device)
        try:
            out, grads = execute(module, request, harness)
            reply = {"kind": "result", "value": sanitize(out)}
            if grads == "disconnected":
                reply["grads"] = "disconnected"
            elif grads is not None:
                reply["grads"] = [None if g is None else g.detach().clone() for g in grads]
        except BaseException as exc:  # noqa: BLE001
            reply = {"kind": "exception", "error": describe_exception(exc, learner_file)}
        return reply

    while True:
        try:
            request = decode_request(conn.recv_bytes())
        except EOFError:
            return
        if request.get("op") == "exit":
            return
        if request.get("op") == "batch":
            # Many calls, one round trip: the common case of a correct solution stays fast.
            reply = {"kind": "batch", "replies": [answer(r) for r in request["calls"]]}
        else:
            reply = answer(request)
        try:
            send(reply)
        except Exception as exc:  # an unpicklable value, for one
            send({"kind": "exception", "error": {"type": type(exc).__name__, "message": f"could not return the result: {exc}",
                                                 "traceback": "", "line": None, "category": "exception"}})
