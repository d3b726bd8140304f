"""Hostile: replace the file that captures printed output with a FIFO, so that a grader opening
it by name blocks forever.
Expected: the grader reads through the descriptor it opened itself; an ordinary FAIL."""
import os

print("before the swap")
target = os.readlink("/proc/self/fd/1")
try:
    path = target.replace(" (deleted)", "")
    if os.path.exists(path):
        os.unlink(path)
    os.mkfifo(path)
    print("swapped", path)
except OSError as exc:
    print("swap refused:", exc.strerror)


def conv2d(x, weight, bias=None, stride=1, padding=0):
    return x
