"""The progress store: transactions survive kills, broken files are moved aside, data round-trips."""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tutor.cli import main
from tutor.progress import store as store_module
from tutor.progress.store import SCHEMA_VERSION, Store

TABLES = {"attempts", "exercise_state", "lesson_position", "quiz_cards", "quiz_reviews", "kv"}

# A writer that prints each count only after its transaction committed.
WRITER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from tutor.progress.store import Store

    path, count, tag = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    go = Path(sys.argv[4]) if len(sys.argv) > 4 else None
    if go is not None:                       # start together, so the writes really overlap
        deadline = time.monotonic() + 30
        while not go.exists() and time.monotonic() < deadline:
            time.sleep(0.001)
    store = Store(path)
    for i in range(count):
        store.record_attempt(f"{tag}-{i % 5}", "fail" if i % 3 else "pass", seed=i, source=tag)
        print(i + 1, flush=True)
    store.close()
""")


def run_writer(tmp_path: Path, db: Path, count: int, tag: str, go: Path | None = None) -> subprocess.Popen:
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    args = [sys.executable, str(script), str(db), str(count), tag] + ([str(go)] if go else [])
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def user_version(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA user_version").fetchone()[0]


# -- creation and migrations ---------------------------------------------------------------------

def test_fresh_store_is_migrated_in_wal_mode(tmp_path):
    path = tmp_path / "deep" / "progress.sqlite3"
    store = Store(path)
    assert store.notice is None
    assert tables(path) >= TABLES
    assert user_version(path) == SCHEMA_VERSION
    assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()
    again = Store(path)              # reopening does not migrate twice or complain
    assert again.notice is None and user_version(path) == SCHEMA_VERSION
    again.close()


def test_default_path_is_under_dltutor_home(dltutor_home):
    store = Store()
    assert store.path == dltutor_home / "progress.sqlite3" and store.path.exists()
    store.close()


def test_a_later_migration_upgrades_and_keeps_data(tmp_path, monkeypatch):
    path = tmp_path / "p.sqlite3"
    old = Store(path)
    old.record_attempt("conv2d", "pass")
    old.close()
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setattr(store_module, "MIGRATIONS",
                        store_module.MIGRATIONS + ["ALTER TABLE attempts ADD COLUMN note TEXT"])
    new = Store(path)
    assert new.notice is None
    assert user_version(path) == SCHEMA_VERSION + 1
    assert [a["exercise"] for a in new.attempts()] == ["conv2d"]
    assert "note" in [r[1] for r in new._conn.execute("PRAGMA table_info(attempts)")]
    new.close()


# -- broken files are moved aside, never deleted, never a traceback -------------------------------

def test_corrupt_file_is_moved_aside_and_a_fresh_store_made(tmp_path):
    path = tmp_path / "progress.sqlite3"
    garbage = random.Random(7).randbytes(8192)
    path.write_bytes(garbage)
    store = Store(path)
    assert store.notice is not None
    asides = sorted(tmp_path.glob("progress.sqlite3.broken-*"))
    assert len(asides) == 1 and str(asides[0]) in store.notice
    assert asides[0].read_bytes() == garbage           # the old file is kept, untouched
    store.record_attempt("relu", "pass")                # and the fresh store works
    assert store.exercise_state("relu").solved
    store.close()
    assert tables(path) >= TABLES


def test_a_damaged_page_is_caught_and_moved_aside(tmp_path):
    path = tmp_path / "progress.sqlite3"
    store = Store(path)
    for i in range(300):
        store.put(f"key{i}", "x" * 200)                 # several pages of data
    store._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 4 * page
    data[2 * page:3 * page] = random.Random(1).randbytes(page)   # scribble over a page in the middle
    path.write_bytes(bytes(data))
    store = Store(path)
    assert store.notice is not None and "moved to" in store.notice
    assert store.get("key1") is None                    # a fresh store, not a half-broken one
    store.close()


def test_two_moves_in_the_same_second_keep_both_files(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module.time, "strftime", lambda fmt, *a: "20250101-000000")
    path = tmp_path / "progress.sqlite3"
    path.write_bytes(b"first garbage" * 100)
    Store(path).close()
    path.unlink()
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    path.write_bytes(b"second garbage" * 100)
    Store(path).close()
    kept = sorted(p.read_bytes()[:6] for p in tmp_path.glob("progress.sqlite3.broken-*") if not p.name.endswith(("-wal", "-shm")))
    assert kept == [b"first ", b"second"]


def test_newer_schema_is_moved_aside_with_a_message(tmp_path):
    path = tmp_path / "progress.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE future (x)")
        conn.execute("INSERT INTO future VALUES (42)")
        conn.execute("PRAGMA user_version = 99")
    store = Store(path)
    assert "newer" in store.notice and "99" in store.notice
    aside = next(tmp_path.glob("progress.sqlite3.broken-*[0-9]"))
    assert str(aside) in store.notice
    with sqlite3.connect(aside) as conn:
        assert conn.execute("SELECT x FROM future").fetchone() == (42,)
    assert user_version(path) == SCHEMA_VERSION
    store.close()


@pytest.mark.parametrize("damage", ["garbage", "newer"])
def test_cli_reports_a_moved_database_without_a_traceback(dltutor_home, use_fake_content, capsys, damage):
    path = dltutor_home / "progress.sqlite3"
    if damage == "garbage":
        path.write_bytes(os.urandom(5000))
    else:
        with sqlite3.connect(path) as conn:
            conn.execute("PRAGMA user_version = 99")
    assert main(["list", "--json"]) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert captured.err.startswith("note: Your progress database could not be used")
    assert str(dltutor_home / "progress.sqlite3.broken-") in captured.err
    assert json.loads(captured.out)["exercises"]


# -- crash safety and concurrency -------------------------------------------------------------------

def test_sigkill_mid_stream_loses_nothing_committed(tmp_path):
    db = tmp_path / "progress.sqlite3"
    writer = run_writer(tmp_path, db, 1_000_000, "k")
    reported = 0
    try:
        for line in writer.stdout:
            reported = int(line)
            if reported >= 150:
                break
    finally:
        writer.send_signal(signal.SIGKILL)
        # Read through the same buffered file: communicate() would skip lines already read ahead.
        rest = writer.stdout.read()
        writer.wait(timeout=30)
        writer.stdout.close()
        writer.stderr.close()
    lines = rest.split("\n")
    complete = [l for l in lines[:-1] if l]              # the last piece may be half a line
    if complete:
        reported = int(complete[-1])
    assert writer.returncode == -signal.SIGKILL
    assert reported >= 150
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        seeds = [r[0] for r in conn.execute("SELECT seed FROM attempts ORDER BY id")]
    # Every reported write is there, in order; at most the one in flight (committed, unreported) more.
    assert seeds[:reported] == list(range(reported))
    assert reported <= len(seeds) <= reported + 1
    store = Store(db)                                    # and the store opens cleanly afterwards
    assert store.notice is None and len(store.attempts()) == len(seeds)
    store.close()


def test_two_processes_writing_at_once(tmp_path):
    db = tmp_path / "progress.sqlite3"                   # fresh: both also race to migrate it
    go = tmp_path / "go"
    writers = [run_writer(tmp_path, db, 200, tag, go) for tag in ("a", "b")]
    go.touch()
    results = [w.communicate(timeout=120) for w in writers]
    for writer, (out, err) in zip(writers, results):
        assert writer.returncode == 0, err
        assert out.split()[-1] == "200"
    store = Store(db)
    attempts = store.attempts()
    assert len(attempts) == 400
    for tag in ("a", "b"):
        assert sorted(a["seed"] for a in attempts if a["source"] == tag) == list(range(200))
    states = store.exercise_states()
    assert sum(s.attempts for s in states.values()) == 400 and len(states) == 10
    store.close()


# -- round trips ---------------------------------------------------------------------------------------

@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "p.sqlite3")
    yield s
    s.close()


def test_attempts_and_exercise_state(store):
    assert store.exercise_state("conv2d").status == "not started"
    store.record_attempt("conv2d", "fail", duration_s=0.5, seed=11, failed_tests=2, mistake="flipped_kernel")
    state = store.exercise_state("conv2d")
    assert (state.status, state.attempts, state.last_status) == ("attempted", 1, "fail")
    store.record_attempt("conv2d", "pass", seed=12, source="tui")
    store.record_attempt("conv2d", "error", seed=13)
    state = store.exercise_state("conv2d")
    assert (state.status, state.attempts, state.last_status, state.solved) == ("passed", 3, "error", True)
    first = store.attempts("conv2d")[0]
    assert first == {"exercise": "conv2d", "ts": first["ts"], "status": "fail", "duration_s": 0.5, "seed": 11,
                     "failed_tests": 2, "mistake": "flipped_kernel", "source": "cli"}
    assert [a["seed"] for a in store.attempts()] == [11, 12, 13]
    assert store.attempts("relu") == []


def test_hints_solution_and_time(store):
    assert [store.reveal_hint("relu", available=3) for _ in range(5)] == [1, 2, 3, 3, 3]
    store.reveal_solution("relu", gave_up=True)
    store.reveal_solution("relu", gave_up=False)       # looking again later does not undo giving up
    store.add_time("relu", 30)
    store.add_time("relu", -5)                          # a clock going backwards adds nothing
    state = store.exercise_state("relu")
    assert (state.hints_revealed, state.solution_revealed, state.gave_up, state.time_spent_s) == (3, True, True, 30)
    assert state.status == "not started"


def test_lesson_positions(store):
    assert store.last_position() is None
    store.set_lesson_position("convnets", 2, 9, add_seconds=10)
    store.set_lesson_position("convnets", 4, add_seconds=5)         # sections stays known
    store.set_lesson_position("basics", 1, 3)
    positions = store.lesson_positions()
    assert positions["convnets"]["section"] == 4 and positions["convnets"]["sections"] == 9
    assert positions["convnets"]["time_spent_s"] == 15
    assert positions["basics"]["section"] == 1
    store._conn.execute("UPDATE lesson_position SET updated_ts = updated_ts + 100 WHERE lesson = 'convnets'")
    assert store.last_position() == ("convnets", 4)


def test_cards_reviews_and_settings(store):
    card = {"card_id": 1, "state": 1, "step": 0, "stability": None, "due": "2025-01-01T00:00:00+00:00"}
    store.save_card("k1", "convnets", card, due_ts=100.0)
    store.save_card("k2", "basics", card | {"card_id": 2}, due_ts=300.0)
    assert store.card("k1") == card and store.card("nope") is None
    store.record_review("k1", "convnets", card | {"state": 2}, due_ts=500.0, rating=3, correct=True)
    store.record_review("k2", "basics", card | {"card_id": 2}, due_ts=200.0, rating=1, correct=False)
    assert store.card("k1")["state"] == 2
    assert [c["card_key"] for c in store.cards()] == ["k2", "k1"]                  # by due time
    assert [c["card_key"] for c in store.cards(due_before=250.0)] == ["k2"]
    reviews = store.reviews()
    assert [(r["card_key"], r["rating"], r["correct"]) for r in reviews] == [("k1", 3, True), ("k2", 1, False)]
    assert [r["card_key"] for r in store.reviews("k2")] == ["k2"]
    assert store.get("theme", "dark") == "dark"
    store.put("theme", "light")
    store.put("theme", "solarized")
    assert store.get("theme") == "solarized"


def test_data_survives_reopening(tmp_path):
    path = tmp_path / "p.sqlite3"
    first = Store(path)
    first.record_attempt("mse", "pass")
    first.reveal_hint("mse", 3)
    first.set_lesson_position("loss-functions", 3, 8)
    first.save_card("k", "loss-functions", {"a": 1}, 1.0)
    first.close()
    second = Store(path)
    assert second.exercise_state("mse").solved and second.exercise_state("mse").hints_revealed == 1
    assert second.lesson_positions()["loss-functions"]["section"] == 3
    assert second.card("k") == {"a": 1}
    second.close()


def test_export_is_json(store):
    store.record_attempt("conv2d", "pass", seed=1)
    store.reveal_hint("softmax", 3)
    store.set_lesson_position("convnets", 1, 9)
    store.record_review("k", "convnets", {"due": "x"}, 1.0, 3, True)
    exported = json.loads(json.dumps(store.export()))
    assert exported["schema"] == SCHEMA_VERSION
    assert exported["exercises"]["conv2d"]["status"] == "passed"
    assert exported["exercises"]["softmax"]["hints_revealed"] == 1
    assert exported["lessons"]["convnets"]["section"] == 1
    assert [a["exercise"] for a in exported["attempts"]] == ["conv2d"]
    assert exported["cards"][0]["card"] == {"due": "x"} and exported["reviews"][0]["correct"] is True


def test_a_failed_write_rolls_back(store):
    with pytest.raises(RuntimeError):
        with store.write() as db:
            db.execute("INSERT INTO kv (key, value) VALUES ('half', 'done')")
            raise RuntimeError("boom")
    assert store.get("half") is None
    store.put("after", "ok")                            # the connection is usable afterwards
    assert store.get("after") == "ok"


def test_progress_export_command(dltutor_home, use_fake_content, tmp_path, capsys):
    store = Store()
    store.record_attempt("conv2d", "pass")
    store.close()
    target = tmp_path / "export.json"
    assert main(["progress", "--export", str(target)]) == 0
    assert json.loads(target.read_text())["exercises"]["conv2d"]["status"] == "passed"
    assert main(["progress", "--export", str(tmp_path / "missing-dir" / "x.json")]) == 2
    assert "cannot write" in capsys.readouterr().err
