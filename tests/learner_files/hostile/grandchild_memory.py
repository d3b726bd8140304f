"""Hostile: a grandchild process allocates memory past the limit (128 MiB at a time, up to 3 GiB),
while the learner's own process stays small and waits.
Expected: the grandchild is stopped for using too much memory; an ERROR naming the memory limit."""
import subprocess
import sys
import time

GROW = """
import time
blocks = []
try:
    for _ in range(24):
        blocks.append(bytearray(128 * 1024 * 1024))
        time.sleep(0.05)
except MemoryError:
    pass  # hold on to what was had
time.sleep(600)
"""


def conv2d(x, weight, bias=None, stride=1, padding=0):
    subprocess.Popen([sys.executable, "-c", GROW], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(600)
