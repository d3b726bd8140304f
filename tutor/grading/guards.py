"""Run-time enforcement inside the sandboxed child: the shortcuts an exercise forbids, by any path.

Three layers, installed after the child's own set-up and before the learner's file is executed:

1. Operator blocks. Every path to a forbidden computation — `F.conv2d`, `nn.Conv2d`,
   `torch.ops.aten.convolution`, `torch._C._nn.*`, `F.conv3d` with a depth of 1, `eval` of any of
   these — ends in the same aten operator. A Python kernel registered over that operator (for
   every dispatch key that has one) refuses it. Other operators pay nothing, so a textbook
   solution with a Python loop per index runs at full speed. "autograd" blocks the autograd
   engine itself (`Tensor.backward`, `torch.autograd.grad`, `torch.func`, …).
2. Python guards. The exercise's `forbidden` callables are replaced by guards that refuse a call
   when the learner's code is anywhere on the stack (not only the immediate caller, which
   `nn.Conv2d._conv_forward` or `eval` would hide). They give the friendliest message.
3. An audit hook (which Python code cannot remove) that keeps the learner's code away from the
   grader: no reading the content folder or the tutor package (the model solutions, the checks),
   no writing outside a private temporary folder, no processes, signals, sockets, ctypes or
   sqlite, and no walking the garbage collector to find and undo layers 1 and 2.

Nothing here decides a verdict: values are compared in the grading process.
"""
from __future__ import annotations

import fnmatch
import functools
import os
import re
import sys
import warnings
from collections.abc import Callable, Iterable
from types import FrameType

import torch

from tutor.grading.forbidden import ForbiddenAPIError, SandboxRefusal, short_name
from tutor.i18n.catalog import N_

AUTOGRAD = "autograd"

# Dispatch keys an aten operator can have a kernel for; a Python kernel over each of them
# replaces the operator for every caller, autograd or not.
_KEYS = ("CPU", "CUDA", "CompositeImplicitAutograd", "CompositeExplicitAutograd",
         "CompositeExplicitAutogradNonFunctional")


@functools.cache
def aten_overloads() -> dict[str, tuple[str, ...]]:
    """aten operator name -> its overload names ('' for the default), from the registered schemas
    (~0.15 s, once per process: the fork-server pays it in its preload)."""
    overloads: dict[str, list[str]] = {}
    for schema in torch._C._jit_get_all_schemas():
        if schema.name.startswith("aten::"):
            overloads.setdefault(schema.name[len("aten::"):], []).append(schema.overload_name)
    return {name: tuple(names) for name, names in overloads.items()}


@functools.cache
def expand(patterns: tuple[str, ...]) -> tuple[str, ...]:
    """Operator names matching the patterns (fnmatch globs); in-place variants (`name_`) included."""
    names = [p for p in patterns if p != AUTOGRAD]
    if not names:
        return ()
    known = aten_overloads()
    matcher = re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in names))
    matched = {name for name in known if matcher.match(name)}
    matched |= {f"{m}_" for m in matched if f"{m}_" in known}
    return tuple(sorted(matched))


@functools.cache
def kernels_to_block(patterns: tuple[str, ...]) -> tuple[tuple[str, str, str], ...]:
    """(operator, qualified overload, dispatch key) for every kernel the patterns cover.

    Computed in the grading process (cached per exercise), so a sandboxed child only registers.
    """
    found = []
    for name in expand(patterns):
        for overload in aten_overloads()[name]:
            qualified = f"{name}.{overload}" if overload else name
            for key in _KEYS:
                try:
                    has_kernel = torch._C._dispatch_has_kernel_for_dispatch_key(f"aten::{qualified}", key)
                except RuntimeError:  # an overload that exists for TorchScript only
                    has_kernel = False
                if has_kernel:
                    found.append((name, qualified, key))
    return tuple(found)


def _learner_on_stack(learner_file: str) -> bool:
    frame: FrameType | None = sys._getframe(2)
    while frame is not None:
        name = frame.f_code.co_filename
        if name == learner_file or (name.startswith("<") and not name.startswith("<frozen")):
            return True  # the learner's file, or code it compiled itself (eval, exec)
        frame = frame.f_back
    return False


def _refusal(what: str, reached: str = "") -> ForbiddenAPIError:
    """The message a learner sees (the grader adds the line of their file)."""
    if reached:
        return ForbiddenAPIError(N_("your code reached the operator aten::{op}, which computes what this exercise "
                                    "asks you to write ({what}). Build it from simpler tensor operations."),
                                 op=reached, what=what)
    return ForbiddenAPIError(N_("{what} is off-limits in this exercise: it is what you are asked to write. "
                                "Build it from simpler tensor operations."), what=what)


# -- layer 1: operators ------------------------------------------------------------------------
def block_operators(kernels: Iterable[tuple[str, str, str]], describe: str):
    """Register a refusing kernel over each (operator, overload, dispatch key) of kernels_to_block,
    so that no path, autograd or not, reaches the original.

    Returns the torch.library.Library that holds the registrations: they last as long as it does.
    """
    library = torch.library.Library("aten", "IMPL")
    # library.m.impl is what Library.impl calls after its Python-side checks; calling it directly
    # registers a conv2d exercise's ~90 kernels in ~2 ms instead of ~70 ms, per sandboxed child.
    register = getattr(library, "m", None)
    refusers: dict[str, Callable] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "overriding a previously registered kernel"
        for name, qualified, key in kernels:
            if name not in refusers:
                def refuse(*args, _op=name, **kwargs):
                    raise _refusal(describe, _op)

                refusers[name] = refuse
            if register is not None:
                register.impl(qualified, key, refusers[name], False)
            else:
                library.impl(qualified, refusers[name], key)
    return library


def block_autograd() -> None:
    """Refuse every backward pass of the autograd engine: all its entry points share one engine."""
    from torch.autograd import variable

    engine = variable.Variable._execution_engine  # type: ignore[attr-defined]  # torch private API

    class RefusingEngine:
        def run_backward(self, *args, **kwargs):
            raise ForbiddenAPIError(N_("your code ran a backward pass of autograd (Tensor.backward, "
                                       "torch.autograd.grad, torch.func, …): this exercise asks you to compute the "
                                       "gradients yourself, from the chain rule"))

        def queue_callback(self, callback):
            return engine.queue_callback(callback)

        def is_checkpoint_valid(self):
            return engine.is_checkpoint_valid()

    variable.Variable._execution_engine = RefusingEngine()  # type: ignore[attr-defined]

    def no_new_engine(*args, **kwargs):
        raise ForbiddenAPIError(N_("your code created an autograd engine: this exercise asks you to compute the "
                                   "gradients yourself"))

    torch._C._ImperativeEngine = no_new_engine  # type: ignore[misc, assignment]  # replaced on purpose


# -- layer 2: Python callables -----------------------------------------------------------------
def _resolve(rule: str):
    import importlib

    parts = rule.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            owner = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:-1]:
            owner = getattr(owner, attr)
        return owner, parts[-1]
    raise ValueError(f"cannot resolve forbidden rule {rule!r}")


def guard_callables(rules: Iterable[str], learner_file: str) -> None:
    """Replace each forbidden callable (and its aliases) by a guard that refuses the learner's calls.

    Calls with no learner code on the stack (the harness, PyTorch at import) go through. The
    guard does not expose the original as `__wrapped__`, so `inspect.unwrap` finds nothing.
    """
    import types

    guards: dict[int, object] = {}
    for rule in rules:
        try:
            owner, name = _resolve(rule)
            original = getattr(owner, name)
        except (ValueError, AttributeError, ImportError):
            continue
        if isinstance(original, types.ModuleType) or id(original) in guards:
            continue
        guard = _guard_for(original, name, short_name(rule), learner_file)
        guards[id(original)] = guard
        for holder in (owner, torch, torch.Tensor):
            if getattr(holder, name, None) is original:
                try:
                    setattr(holder, name, guard)
                except (AttributeError, TypeError):
                    pass
    # Every other public spelling of the same objects (torch.nn.functional.conv2d is torch.conv2d…).
    index = alias_index()
    for key, guard in guards.items():
        for module, attr in index.get(key, ()):
            try:
                setattr(module, attr, guard)
            except (AttributeError, TypeError):
                pass


_alias_index: dict[int, list] | None = None


def alias_index() -> dict[int, list]:
    """id(object) -> [(module, attribute)] over the alias modules, built once (in the fork-server's
    preload, so that every child inherits it instead of walking a thousand modules)."""
    global _alias_index
    if _alias_index is None:
        index: dict[int, list] = {}
        for module_name, module in list(sys.modules.items()):
            if module is None or not module_name.startswith(_ALIAS_MODULES):
                continue
            try:
                namespace = vars(module)
            except TypeError:
                continue
            for attr, value in list(namespace.items()):
                if callable(value):
                    index.setdefault(id(value), []).append((module, attr))
        _alias_index = index
    return _alias_index


def _guard_for(original, name: str, what: str, learner_file: str):
    if isinstance(original, type):
        def guarded_init(self, *args, __original=original, **kwargs):
            if _learner_on_stack(learner_file):
                raise _refusal(what)
            __original.__init__(self, *args, **kwargs)

        return type(original.__name__, (original,), {"__init__": guarded_init, "__module__": original.__module__,
                                                     "__qualname__": original.__qualname__})

    def guard(*args, __original=original, **kwargs):
        if _learner_on_stack(learner_file):
            raise _refusal(what)
        return __original(*args, **kwargs)

    guard.__name__ = getattr(original, "__name__", name)
    guard.__doc__ = getattr(original, "__doc__", None)
    return guard


# Where the public spellings of forbidden callables live (the aten blocks catch every other path).
_ALIAS_MODULES = ("torch.nn", "torch.special", "torch.optim", "torch.distributions", "torch.autograd", "torch.func",
                  "torch._VF", "torch._C._nn", "torch._C._special")


# -- layer 3: the audit hook -------------------------------------------------------------------
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC

_REFUSED_EVENTS = {
    "subprocess.Popen": N_("starting a process"),
    "os.system": N_("starting a process"),
    "os.exec": N_("replacing the process"),
    "os.posix_spawn": N_("starting a process"),
    "os.spawn": N_("starting a process"),
    "os.fork": N_("forking the process"),
    "os.forkpty": N_("forking the process"),
    "os.killpg": N_("sending signals to other processes"),
    "signal.pthread_kill": N_("sending signals"),
    "socket.connect": N_("network access"),
    "socket.bind": N_("network access"),
    "socket.sendto": N_("network access"),
    "socket.sendmsg": N_("network access"),
    "socket.getaddrinfo": N_("network access"),
    "ctypes.dlopen": N_("loading native libraries with ctypes"),
    "ctypes.dlsym": N_("loading native libraries with ctypes"),
    "ctypes.call_function": N_("calling native code with ctypes"),
    "ctypes.cdata": N_("reading raw memory with ctypes"),
    "ctypes.addressof": N_("reading raw memory with ctypes"),
    "sqlite3.connect": N_("opening databases"),
    "gc.get_objects": N_("inspecting the grader through the garbage collector"),
    "gc.get_referrers": N_("inspecting the grader through the garbage collector"),
    "gc.get_referents": N_("inspecting the grader through the garbage collector"),
    "sys._current_frames": N_("inspecting other threads"),
    "mmap.__new__": N_("mapping memory"),
}
_MUTATING_EVENTS = ("os.remove", "os.rename", "os.rmdir", "os.mkdir", "os.symlink", "os.link", "os.truncate",
                    "os.chmod", "os.chown", "os.utime", "shutil.rmtree", "shutil.copyfile", "shutil.move")


def _under(path: str, roots: tuple[str, ...]) -> bool:
    return any(path == root or path.startswith(root + os.sep) for root in roots)


def _real(path) -> str | None:
    if isinstance(path, int):
        return None
    try:
        return os.path.realpath(os.fsdecode(path))
    except (TypeError, ValueError):
        return None


def make_audit_hook(hidden_roots: Iterable[str], writable_roots: Iterable[str], keep_alive: object) -> Callable:
    """The hook: `hidden_roots` cannot be read, only `writable_roots` can be written.

    `keep_alive` (the operator library) lives in the hook's closure: the interpreter holds the
    hook, and no Python code can list audit hooks, so nothing can find the library and undo it.
    """
    hidden = tuple(os.path.realpath(r) for r in hidden_roots)
    writable = tuple(os.path.realpath(r) for r in writable_roots)
    me = os.getpid()

    def hook(event: str, args: tuple, _keep=keep_alive) -> None:
        if event == "open":
            path, mode, flags = (tuple(args) + (None, None, None))[:3]
            real = _real(path)
            if real is None:
                return
            writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or \
                      (isinstance(flags, int) and flags & _WRITE_FLAGS)
            if writing and not _under(real, writable):
                raise SandboxRefusal(N_("graded code cannot write files outside its temporary folder: {path}"),
                                     path=os.fsdecode(path))
            if _under(real, hidden):
                raise SandboxRefusal(N_("graded code cannot read the grader's files: {path}"), path=os.fsdecode(path))
            if real.startswith("/proc/") and not (real.startswith(f"/proc/{me}/") or real.startswith("/proc/self/")):
                raise SandboxRefusal(N_("graded code cannot read other processes: {path}"), path=os.fsdecode(path))
        elif event in ("os.listdir", "os.scandir"):
            real = _real(args[0]) if args and args[0] is not None else None
            if real and _under(real, hidden):
                raise SandboxRefusal(N_("graded code cannot list the grader's files: {path}"), path=os.fsdecode(args[0]))
        elif event == "os.kill":
            if args and args[0] not in (me, 0):
                raise SandboxRefusal(N_("graded code cannot send signals to other processes"))
        elif event in _REFUSED_EVENTS:
            raise SandboxRefusal(N_("graded code cannot do this: {what} ({event})"), phrases=("what",),
                                 what=_REFUSED_EVENTS[event], event=event)
        elif event.startswith(_MUTATING_EVENTS):
            targets = [_real(a) for a in args if isinstance(a, (str, bytes, os.PathLike))]
            if any(t and not _under(t, writable) for t in targets):
                raise SandboxRefusal(N_("graded code cannot change files outside its temporary folder ({event})"),
                                     event=event)

    return hook


_unhooked_libraries: list = []


def install(config: dict, learner_file: str) -> None:
    """All three layers, as the exercise's config asks; call once, right before the learner's file runs."""
    rules = config.get("forbidden", ())
    ops = config.get("forbidden_ops", ())
    describe = " / ".join(short_name(r) for r in rules[:2]) or "the operation itself"
    kernels = config.get("blocked_kernels")
    if kernels is None:
        kernels = kernels_to_block(tuple(ops))
    library = block_operators(kernels, describe) if kernels else None
    if AUTOGRAD in ops:
        block_autograd()
    guard_callables(rules, learner_file)
    if config.get("audit_hook", True):
        hook = make_audit_hook(config.get("hidden_roots", ()), config.get("writable_roots", ()), library)
        sys.addaudithook(hook)
    else:
        _unhooked_libraries.append(library)  # the registrations live as long as the library does
    del library
