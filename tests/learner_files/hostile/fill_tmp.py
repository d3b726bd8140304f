"""Hostile: fill /tmp and /dev/shm (200 MiB each).
Expected: the private, size-capped /tmp and /dev/shm fill up (or the file-size limit stops the
write); nothing reaches the real /tmp; an ordinary FAIL."""
import os

for folder in ("/tmp", "/dev/shm"):
    path = os.path.join(folder, "dltutor-hostile-fill")
    written = 0
    try:
        with open(path, "wb") as handle:
            for _ in range(200):
                handle.write(b"\0" * (1024 * 1024))
                written += 1
    except OSError as exc:
        print(folder, "stopped after", written, "MiB:", exc.strerror)


def conv2d(x, weight, bias=None, stride=1, padding=0):
    return x
