"""The walls around the process that runs learner code, and a probe of which ones this machine allows.

Stdlib only (no torch): `dltutor doctor` imports it, and it runs in the fork-server's children.

How a sandboxed run is laid out (Linux). As root (CI, containers) the fork-server makes every child
it forks the first process of a fresh pid namespace (`prepare_forkserver`), so one fork per grade:

    grading process ── fork-server ── learner process: pid 1 of its own pid namespace; raises the
                                      walls, drops every privilege, then runs learner code

Without root, a pid namespace needs a user namespace first, and the fork-server cannot enter a new
one for each child, so a trusted middle process does it (one fork more per grade):

    grading process ── fork-server ── middle process (trusted)  ── learner process
                                      raises the walls, waits      pid 1 of its own pid namespace,
                                      and reports how it ended     no capabilities, hard limits

The walls: new user, mount, network, pid and IPC namespaces; the whole file
system read-only (so $DLTUTOR_HOME, the checkout, the venv and the learner's own home cannot be
written), hides the exercises folder (model solutions, checks), and gives a private, size-capped
/tmp and /dev/shm and a /dev with only the harmless devices. The learner process is pid 1 of the new
pid namespace: when it ends, the kernel kills every process it started (double forks and new sessions
included), and it cannot see — so cannot signal — the grader or the fork-server. It drops every
capability before learner code runs, so it cannot undo any of this.

Where a platform lacks a mechanism (macOS, containers without user namespaces), `enter` degrades to
what is there and says so; grading always goes on. `probe` reports the level for `dltutor doctor`.
"""
from __future__ import annotations

import ctypes
import json
import os
import resource
import signal
import stat
import subprocess
import sys
import traceback
from collections.abc import Callable
from typing import NoReturn

from tutor.i18n.catalog import N_

CLONE_NEWNS = 0x00020000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_NOATIME, MS_NODIRATIME, MS_BIND, MS_MOVE, MS_REC = 32, 1024, 2048, 4096, 8192, 16384
MS_PRIVATE, MS_RELATIME = 1 << 18, 1 << 21

PR_SET_PDEATHSIG, PR_CAPBSET_DROP, PR_SET_CHILD_SUBREAPER, PR_SET_NO_NEW_PRIVS, PR_CAP_AMBIENT = 1, 24, 36, 38, 47
PR_CAP_AMBIENT_CLEAR_ALL = 4
SYS_MOUNT_SETATTR = 442            # the same number on every architecture (added in Linux 5.12)
AT_FDCWD, AT_RECURSIVE = -100, 0x8000
MOUNT_ATTR_RDONLY = 0x1

TMP_BYTES = 64 * 1024**2           # each of the private /tmp and /dev/shm
FILE_BYTES = 64 * 1024**2          # RLIMIT_FSIZE: no single file (output included) grows past this
EXTRA_PROCESSES = 64               # RLIMIT_NPROC headroom over what the user already runs
DEVICES = ("null", "zero", "full", "random", "urandom", "tty")

# What each mechanism means, in the words `dltutor doctor` shows.
# What each wall does, for `dltutor doctor` (marked for the message catalogue; {mib}: TMP_BYTES in MiB).
MEANING = {
    "pid-namespace": N_("every process learner code starts dies with it; the grader is out of its sight"),
    "user-namespace": N_("learner code gets a user namespace of its own"),
    "network-namespace": N_("no network"),
    "ipc-namespace": N_("no shared memory with other programs"),
    "read-only-files": N_("the whole file system is read-only to learner code (state folder, checkout, venv)"),
    "hidden-exercises": N_("the exercises folder (model solutions, checks) is invisible to learner code"),
    "private-tmp": N_("private /tmp and /dev/shm of {mib} MiB each"),
    "minimal-dev": N_("/dev holds only null, zero, full, random, urandom, tty (and GPUs)"),
    "private-proc": N_("/proc shows only learner code's own processes"),
    "no-capabilities": N_("learner code holds no privileges and cannot gain any"),
    "nobody-user": N_("learner code runs as the unprivileged 'nobody' user"),
    "hard-limits": N_("hard memory and file-size limits, and a process-count limit (that one does not bind root)"),
    "subreaper-sweep": N_("processes learner code detaches are found and killed at the end"),
    "middle-process": N_("a trusted process between the fork-server and learner code holds the namespaces"),
}


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def _call(result: int, what: str) -> None:
    if result != 0:
        number = ctypes.get_errno()
        raise OSError(number, f"{what}: {os.strerror(number)}")


def _mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    encode = lambda s: None if s is None else s.encode()  # noqa: E731
    _call(_libc().mount(encode(source), encode(target), encode(fstype), ctypes.c_ulong(flags), encode(data)),
          f"mount {target}")


def _write(path: str, text: str) -> None:
    with open(path, "w") as handle:
        handle.write(text)


# -- the middle process: namespaces and the file-system view ------------------------------------------
def _unshare_user() -> None:
    """A user namespace in which we keep our own uid and gid (files keep their owners)."""
    uid, gid = os.geteuid(), os.getegid()  # read first: until the maps are written, we are 'nobody'
    _call(_libc().unshare(CLONE_NEWUSER), "unshare")
    _write("/proc/self/setgroups", "deny")
    _write("/proc/self/uid_map", f"{uid} {uid} 1")
    _write("/proc/self/gid_map", f"{gid} {gid} 1")


def _unshare(in_pid_namespace: bool) -> list[str]:
    """New namespaces for the learner process. Already pid 1 of a fresh pid namespace (root's one-fork
    layout): mount, network and IPC, as root. Otherwise a user namespace first (it makes the rest
    possible without root); without one, root can still take the others."""
    libc = _libc()
    if in_pid_namespace:
        if libc.unshare(CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWIPC) == 0:
            return ["pid-namespace", "network-namespace", "ipc-namespace"]
        return ["pid-namespace"]
    rest = CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWIPC
    try:
        _unshare_user()
    except OSError:
        pass
    else:
        if libc.unshare(rest) == 0:
            return ["user-namespace", "pid-namespace", "network-namespace", "ipc-namespace"]
        return ["user-namespace"]
    if os.geteuid() == 0 and libc.unshare(rest) == 0:
        return ["pid-namespace", "network-namespace", "ipc-namespace"]
    return []


# -- the fork-server (root): a fresh pid namespace for every child ------------------------------------
_forkserver: dict = {"pid": None, "pid_namespace": None}


def prepare_forkserver() -> bool:
    """In the fork-server, as root: every later fork makes its child pid 1 of a new pid namespace.

    unshare(CLONE_NEWPID) applies to the next child only once; setns() back to our own namespace
    before each fork re-arms it. Only enabled when that setns is known to work (else forks would fail)."""
    # DLTUTOR_SANDBOX_WALLS: "off" raises none (the fallback); "middle" keeps root to the layout
    # that users without root get (for tests).
    if (not sys.platform.startswith("linux") or os.geteuid() != 0
            or os.environ.get("DLTUTOR_SANDBOX_WALLS") in ("off", "middle")):
        return False
    libc = _libc()
    try:
        fd = os.open("/proc/self/ns/pid", os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return False
    if libc.setns(fd, CLONE_NEWPID) != 0 or libc.unshare(CLONE_NEWPID) != 0:
        os.close(fd)
        return False
    if libc.setns(fd, CLONE_NEWPID) != 0:  # cannot re-arm: leave forks in the old namespace
        raise OSError(ctypes.get_errno(), "setns back to the fork-server's own pid namespace failed")
    _forkserver.update(pid=os.getpid(), pid_namespace=fd)
    os.register_at_fork(before=_fresh_pid_namespace)
    return True


def _fresh_pid_namespace() -> None:
    if os.getpid() != _forkserver["pid"]:
        return  # a child's own forks (learner code's included) stay where they are
    libc = _libc()
    if libc.setns(_forkserver["pid_namespace"], CLONE_NEWPID) == 0:
        libc.unshare(CLONE_NEWPID)


def _read_only_everywhere(one_call: bool = True) -> None:
    """Every mount read-only, in one call where the kernel has mount_setattr (5.12+), else one remount each."""
    class MountAttr(ctypes.Structure):
        _fields_ = [("attr_set", ctypes.c_uint64), ("attr_clr", ctypes.c_uint64),
                    ("propagation", ctypes.c_uint64), ("userns_fd", ctypes.c_uint64)]

    attr = MountAttr(MOUNT_ATTR_RDONLY, 0, 0, 0)
    libc = _libc()
    if one_call and libc.syscall(SYS_MOUNT_SETATTR, AT_FDCWD, b"/", AT_RECURSIVE, ctypes.byref(attr),
                                 ctypes.sizeof(attr)) == 0:
        return
    with open("/proc/self/mountinfo") as info:
        points = [line.split()[4].encode().decode("unicode_escape") for line in info]
    for point in points:  # parents before children, as mountinfo lists them
        try:
            os.statvfs(point)
        except OSError:
            continue  # a mount point this process cannot reach
        _remount_read_only(point)


def _remount_read_only(point: str) -> None:
    """Remount one mount read-only, keeping its other flags (a user namespace may not clear locked ones)."""
    flags = os.statvfs(point).f_flag
    extra = 0
    for bit, value in ((os.ST_NOSUID, MS_NOSUID), (os.ST_NODEV, MS_NODEV), (os.ST_NOEXEC, MS_NOEXEC),
                       (getattr(os, "ST_NOATIME", 1024), MS_NOATIME), (getattr(os, "ST_RELATIME", 4096), MS_RELATIME)):
        if flags & bit:
            extra |= value
    _mount(None, point, None, MS_REMOUNT | MS_BIND | MS_RDONLY | extra)


def _minimal_dev(staging: str) -> None:
    """A /dev with only the harmless devices (and GPUs): uid 0 without capabilities may still write raw disks."""
    _mount("dltutor-dev", staging, "tmpfs", MS_NOSUID | MS_NOEXEC, "size=1m,mode=755")
    names = list(DEVICES) + sorted(n for n in os.listdir("/dev") if n.startswith("nvidia"))
    for name in names:
        source = os.path.join("/dev", name)
        target = os.path.join(staging, name)
        try:
            mode = os.stat(source).st_mode
        except OSError:
            continue
        if stat.S_ISCHR(mode):
            os.close(os.open(target, os.O_CREAT | os.O_WRONLY, 0o666))
            _mount(source, target, None, MS_BIND)
        elif stat.S_ISDIR(mode):  # nvidia-caps (GPU partitions)
            os.mkdir(target)
            _mount(source, target, None, MS_BIND | MS_REC)
    for name, link in (("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"), ("stdout", "/proc/self/fd/1"),
                       ("stderr", "/proc/self/fd/2")):
        os.symlink(link, os.path.join(staging, name))
    os.mkdir(os.path.join(staging, "shm"))
    _mount(staging, "/dev", None, MS_MOVE)


def enter(plan: dict, in_pid_namespace: bool = False) -> list[str]:
    """Before learner code: namespaces, a read-only file system, hidden content, private /tmp.

    Returns the mechanisms now in force (an empty list where the platform offers none). A step that
    fails leaves the earlier ones in place; grading goes on regardless.
    """
    if not sys.platform.startswith("linux") or plan.get("disabled"):
        return []
    try:
        mechanisms = _unshare(in_pid_namespace)
    except OSError:
        return []
    if not mechanisms:
        return []
    try:
        _mount(None, "/", None, MS_REC | MS_PRIVATE)  # nothing done here reaches the real system
    except OSError:
        return mechanisms
    try:
        _minimal_dev("/tmp")
        mechanisms.append("minimal-dev")
    except OSError:
        pass
    hidden = False
    for path in plan.get("hide", ()):
        if os.path.isdir(path):
            try:
                _mount("dltutor-hidden", path, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RDONLY, "size=4k,mode=555")
                hidden = True
            except OSError:
                pass
    if hidden:
        mechanisms.append("hidden-exercises")
    try:
        _read_only_everywhere()
        mechanisms.append("read-only-files")
    except OSError:
        pass
    try:
        for path in ("/tmp", "/dev/shm"):
            if os.path.isdir(path):
                _private_tmpfs(path, _needed_under(path, plan.get("keep", ())))
        mechanisms.append("private-tmp")
    except OSError:
        pass
    return mechanisms


def interpreter_paths() -> list[str]:
    """Where this Python loads code from: its prefixes and every folder on sys.path that exists.

    A learner process imports lazily after the walls are up (torch does, and so does the grader's own
    encoder), so these must stay visible even where they live under /tmp (a checkout or venv there).
    """
    paths = [sys.prefix, sys.base_prefix, sys.exec_prefix, os.path.dirname(os.path.realpath(sys.executable))]
    paths += [entry or os.getcwd() for entry in sys.path]
    return [path for path in paths if os.path.isdir(path)]


def _needed_under(root: str, paths) -> list[str]:
    """The outermost of `paths` (and of the interpreter's) that lie strictly inside `root`.

    `root` itself is left out: keeping all of /tmp would leave no private /tmp (a script run from
    /tmp puts /tmp itself on sys.path; what it imports has been imported by now)."""
    inside = set()
    for path in [*interpreter_paths(), *paths]:
        # Both spellings: imports go through the path as written (a symlink under /tmp to a venv
        # elsewhere), and through the real one where sys.path holds that.
        for spelling in {os.path.abspath(path), os.path.realpath(path)}:
            if spelling.startswith(root.rstrip(os.sep) + os.sep) and os.path.isdir(spelling):
                inside.add(spelling)
    return [path for path in sorted(inside)
            if not any(path.startswith(other + os.sep) for other in inside if other != path)]


def _private_tmpfs(root: str, keep: list[str]) -> None:
    """A fresh size-capped tmpfs over `root`, with each folder in `keep` bound back read-only at its place.

    The folders are held open before the tmpfs covers them and bound from /proc/self/fd, the only
    path that still reaches them (with their own mounts, such as the hidden exercises, carried along)."""
    held = [os.open(path, os.O_PATH | os.O_DIRECTORY) for path in keep]
    try:
        _mount("dltutor-tmp", root, "tmpfs", MS_NOSUID | MS_NODEV, f"size={TMP_BYTES},mode=1777")
        for path, fd in zip(keep, held):
            os.makedirs(path, mode=0o755, exist_ok=True)
            _mount(f"/proc/self/fd/{fd}", path, None, MS_BIND | MS_REC)
            _remount_read_only(path)
    finally:
        for fd in held:
            os.close(fd)


# -- the learner process: the last steps before learner code runs ---------------------------------------
def _drop_capabilities() -> None:
    libc = _libc()
    try:
        last = int(open("/proc/sys/kernel/cap_last_cap").read())
    except (OSError, ValueError):
        last = 63
    for cap in range(last + 1):
        libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)  # so that not even exec of a setuid program gives any back
    libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]

    header, data = Header(0x20080522, 0), (Data * 2)()  # _LINUX_CAPABILITY_VERSION_3, all zero
    _call(libc.capset(ctypes.byref(header), data), "capset")


def _world_can_read(path: str) -> bool:
    """Whether 'nobody' could read `path`: every folder on the way searchable, the target readable."""
    path = os.path.realpath(path)
    parts = path.split(os.sep)
    for i in range(2, len(parts) + 1):
        try:
            mode = os.stat(os.sep.join(parts[:i]) or os.sep).st_mode
        except OSError:
            return False
        if not mode & stat.S_IXOTH or (i == len(parts) and not mode & stat.S_IROTH):
            return False
    return True


def _processes_of(uid: int) -> int:
    count = 0
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                count += os.stat(f"/proc/{name}").st_uid == uid
            except OSError:
                pass
    return count


def _limit(kind: int, value: int) -> bool:
    try:
        _, hard = resource.getrlimit(kind)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        resource.setrlimit(kind, (value, value))  # hard as well: learner code cannot raise it back
        return True
    except (ValueError, OSError):
        return False


def proc_status_bytes(pid: int, field: str) -> int:
    """A size from /proc/<pid>/status (VmRSS, VmData…) in bytes; 0 when unreadable."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def confine(mechanisms: list[str], plan: dict) -> list[str]:
    """In the learner process, just before learner code: own session, /proc, limits, no privileges."""
    mechanisms = list(mechanisms)
    if os.getsid(0) != os.getpid():
        os.setsid()  # its own process group: kill(0, …) reaches nothing outside
    linux = sys.platform.startswith("linux")
    libc = _libc()
    if linux:
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)  # die with the middle process
    if "pid-namespace" in mechanisms and "read-only-files" in mechanisms:
        try:
            _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RDONLY)
            mechanisms.append("private-proc")
        except OSError:
            pass
    memory = plan.get("memory_bytes")
    limited = True
    if memory:
        limited &= _limit(resource.RLIMIT_DATA, memory + proc_status_bytes(os.getpid(), "VmData"))
    limited &= _limit(resource.RLIMIT_FSIZE, FILE_BYTES)
    _limit(resource.RLIMIT_CORE, 0)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # an over-long write fails (EFBIG) instead of killing
    if linux:
        uid = os.getuid()
        become_nobody = (not mechanisms and uid == 0 and not plan.get("disabled")
                         and all(_world_can_read(p) for p in plan.get("must_read", ())))
        if become_nobody:
            uid = 65534
        try:
            limited &= _limit(resource.RLIMIT_NPROC, _processes_of(uid) + EXTRA_PROCESSES)
        except OSError:
            pass
        if become_nobody:
            try:
                os.setgroups([])
                os.setresgid(65534, 65534, 65534)
                os.setresuid(65534, 65534, 65534)
                mechanisms.append("nobody-user")
            except OSError:
                pass
        libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
        try:
            _drop_capabilities()
            if mechanisms:
                mechanisms.append("no-capabilities")
        except OSError:
            pass
        mechanisms.append("subreaper-sweep")
    if limited:
        mechanisms.append("hard-limits")
    return mechanisms


# -- the middle process's whole life --------------------------------------------------------------------
def descendants(pid: int) -> list[int]:
    """Every living descendant of `pid` (Linux: /proc/<pid>/task/<tid>/children), nearest first."""
    found: list[int] = []
    frontier = [pid]
    while frontier:
        current = frontier.pop(0)
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    children = [int(c) for c in handle.read().split()]
            except (OSError, ValueError):
                continue
            for child in children:
                if child not in found:
                    found.append(child)
                    frontier.append(child)
    return found


def sweep(pid: int, include_self: bool = False) -> None:
    """SIGKILL every descendant of `pid`, again until none is left (a fork may race the first pass)."""
    for _ in range(20):
        victims = descendants(pid)
        if not victims:
            break
        for victim in victims:
            try:
                os.kill(victim, signal.SIGKILL)
            except OSError:
                pass
    if include_self:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def _run_body(body: Callable[[list[str]], None], mechanisms: list[str], plan: dict) -> NoReturn:
    code = 0
    try:
        body(confine(mechanisms, plan))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # noqa: BLE001 - a sandbox bug: say it where the learner's output goes
        traceback.print_exc()
        code = 70
    os._exit(code)


def contain(body: Callable[[list[str]], None], plan: dict, close_in_middle: tuple[int, ...] = ()) -> NoReturn:
    """Run `body(mechanisms)` behind the walls, in whichever layout this machine allows (see the top)."""
    if not sys.platform.startswith("linux"):  # no namespaces, no subreaper: limits and a process group only
        _run_body(body, [], plan)
    if _forkserver["pid"] is not None and os.getpid() == 1:
        os.setsid()  # the grader kills this group on timeout
        _libc().prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)  # die with the fork-server
        _run_body(body, enter(plan, in_pid_namespace=True), plan)
    run_contained(body, plan, close_in_middle)


def run_contained(body: Callable[[list[str]], None], plan: dict, close_in_middle: tuple[int, ...] = ()) -> NoReturn:
    """The middle process: raise the walls, fork the learner process, wait for it, end the way it ended.

    `body(mechanisms)` runs in the learner process. This process keeps no learner-facing descriptor
    (`close_in_middle`), so the grader sees the connection close the moment the learner process dies.
    """
    os.setsid()  # the grader kills this group on timeout
    libc = _libc() if sys.platform.startswith("linux") else None
    if libc is not None:
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)  # die with the fork-server
    mechanisms = enter(plan)
    if libc is not None:
        libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)  # orphans come back here, where the sweep finds them
    pid = os.fork()
    if pid == 0:
        _run_body(body, mechanisms + ["middle-process"], plan)
    for fd in close_in_middle:
        try:
            os.close(fd)
        except OSError:
            pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            done, status = os.waitpid(-1, 0)
        except ChildProcessError:
            os._exit(70)
        except InterruptedError:
            continue
        if done == pid:
            break
    sweep(os.getpid())
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        signal.signal(number, signal.SIG_DFL)
        _limit(resource.RLIMIT_CORE, 0)
        os.kill(os.getpid(), number)
    os._exit(os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 70)


# -- what `dltutor doctor` shows ------------------------------------------------------------------------
def level(mechanisms: list[str]) -> str:
    """One word for the whole: 'full', 'partial' or 'limits only'."""
    full = {"pid-namespace", "network-namespace", "read-only-files", "private-tmp", "no-capabilities"}
    if full <= set(mechanisms):
        return "full"
    if {"pid-namespace", "nobody-user", "read-only-files", "no-capabilities"} & set(mechanisms):
        return "partial"
    return "limits only"


def _probe_child() -> None:
    """Run by `probe` in a fresh interpreter: raise the walls exactly as a grade does and report them."""
    read, write = os.pipe()
    from tutor import paths

    plan = {"hide": [str(paths.exercises_dir())], "memory_bytes": None, "must_read": [sys.prefix]}

    def body(mechanisms: list[str]) -> None:
        os.write(write, json.dumps(mechanisms).encode())

    prepare_forkserver()  # this process plays the fork-server
    pid = os.fork()
    if pid == 0:
        os.close(read)
        contain(body, plan, close_in_middle=(write,))
    os.close(write)
    data = b""
    while chunk := os.read(read, 65536):
        data += chunk
    os.waitpid(pid, 0)
    print(data.decode() or "[]")


def probe(timeout: float = 20.0) -> dict:
    """Which walls this machine allows, found by raising them once in a throwaway process."""
    if not sys.platform.startswith("linux"):
        return {"level": "limits only", "mechanisms": [],
                "note": f"{sys.platform}: only memory and time limits and a process-group kill are available"}
    try:
        done = subprocess.run([sys.executable, "-c", "from tutor.grading.isolation import _probe_child; _probe_child()"],
                              capture_output=True, text=True, timeout=timeout)
        mechanisms = json.loads(done.stdout.strip().splitlines()[-1]) if done.stdout.strip() else []
    except (OSError, subprocess.TimeoutExpired, ValueError, IndexError) as exc:
        return {"level": "unknown", "mechanisms": [], "note": f"the probe failed: {exc}"}
    return {"level": level(mechanisms), "mechanisms": mechanisms}
