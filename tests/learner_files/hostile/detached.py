"""Hostile: leave processes behind — one in a new session, one double-forked — each sleeping with a
marker in its command line that the test looks for afterwards.
Expected: both are dead once the grade is over; an ordinary FAIL."""
import os
import subprocess
import sys

MARK = "dltutor-hostile-detached-marker"
subprocess.Popen([sys.executable, "-c", f"import time; time.sleep(600)  # {MARK}"], start_new_session=True,
                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
if os.fork() == 0:
    if os.fork() == 0:
        os.setsid()
        os.execv(sys.executable, [sys.executable, "-c", f"import time; time.sleep(600)  # {MARK}"])
    os._exit(0)


def conv2d(x, weight, bias=None, stride=1, padding=0):
    return x
