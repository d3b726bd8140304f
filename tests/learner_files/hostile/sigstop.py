"""Hostile: SIGSTOP the fork-server (the parent), the grader (its parent) and their process groups.
Expected: none of them can be reached; grading ends (a stopped learner process is a TIMEOUT) and
the warm service keeps grading."""
import os
import signal


def ancestors():
    pid = os.getppid()
    found = []
    while pid > 1 and len(found) < 2:
        found.append(pid)
        try:
            with open(f"/proc/{pid}/status") as status:
                pid = int(next(line for line in status if line.startswith("PPid:")).split()[1])
        except (OSError, StopIteration, ValueError):
            break
    return found


for pid in ancestors():
    for action in (lambda: os.kill(pid, signal.SIGSTOP), lambda: os.killpg(os.getpgid(pid), signal.SIGSTOP)):
        try:
            action()
            print("stopped", pid)
        except OSError as exc:
            print("refused", pid, exc.strerror)


def conv2d(x, weight, bias=None, stride=1, padding=0):
    return x
