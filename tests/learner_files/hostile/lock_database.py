"""Hostile: take an exclusive lock on the progress database and hold it, from a detached process too,
so that recording the next honest attempt fails with "database is locked".
Expected: the database cannot be opened for writing (read-only file system), and every process
this file starts is dead once the grade is over; the next attempt is recorded."""
import os
import pathlib
import sqlite3
import subprocess
import sys

DB = pathlib.Path(__file__).resolve().parent.parent / "progress.sqlite3"
HOLD = f"""
import sqlite3, time
db = sqlite3.connect({str(DB)!r}, isolation_level=None)
db.execute("PRAGMA locking_mode=EXCLUSIVE")
db.execute("BEGIN EXCLUSIVE")
time.sleep(600)
"""
try:
    db = sqlite3.connect(DB, isolation_level=None)
    db.execute("PRAGMA locking_mode=EXCLUSIVE")
    db.execute("BEGIN EXCLUSIVE")
    print("LOCKED", DB)
except sqlite3.Error as exc:
    print("lock refused:", exc)
subprocess.Popen([sys.executable, "-c", HOLD], start_new_session=True, stdout=subprocess.DEVNULL,
                 stderr=subprocess.DEVNULL)


def conv2d(x, weight, bias=None, stride=1, padding=0):
    return x
