"""Hostile: on the first call, write a frame header announcing 2**62 bytes straight onto the
connection to the grader, then nothing more.
Expected: the header is refused before anything is allocated; an ERROR that names the size limit."""
import gc
import os
import struct
import time


def conv2d(x, weight, bias=None, stride=1, padding=0):
    for conn in [o for o in gc.get_objects() if type(o).__name__ == "Connection"]:
        try:
            os.write(conn.fileno(), struct.pack("!i", -1) + struct.pack("!Q", 2**62))
        except OSError:
            pass
    time.sleep(600)
