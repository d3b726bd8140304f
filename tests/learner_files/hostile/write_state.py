"""Hostile: write into $DLTUTOR_HOME (the folder above the workspace this file is graded from):
forge a progress database, plant a catalog-cache pickle, drop a file next to the learner's own.
Expected: every write fails (read-only file system); the grade itself is an ordinary FAIL."""
import os
import pathlib
import pickle

HOME = pathlib.Path(__file__).resolve().parent.parent


class Payload:
    def __reduce__(self):
        return (os.system, ("touch /tmp/dltutor-hostile-pickle-ran",))


for target, data in ((HOME / "progress.sqlite3", b"forged"), (HOME / "cache" / "catalog-planted.pickle", pickle.dumps(Payload())),
                     (HOME / "workspace" / "planted.txt", b"planted"), (pathlib.Path.home() / ".dltutor-hostile", b"x")):
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "ab") as handle:
            handle.write(data)
        print("WROTE", target)
    except OSError as exc:
        print("refused", target, exc.strerror)


def conv2d(x, weight, bias=None, stride=1, padding=0):
    return x
