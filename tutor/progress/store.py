"""The progress store: one SQLite database under $DLTUTOR_HOME.

Every write is its own transaction in WAL mode, so a killed process loses at most the write in
flight. A file that is not a readable database of a schema we know is moved aside (never
deleted) and a fresh store is created; the `notice` attribute says what happened.
"""
from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tutor import paths
from tutor.i18n.catalog import _

SCHEMA_VERSION = 1

# Each entry migrates from version i to i + 1; index 0 creates the first schema.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        exercise TEXT NOT NULL,
        ts REAL NOT NULL,
        status TEXT NOT NULL,
        duration_s REAL,
        seed INTEGER,
        failed_tests INTEGER,
        mistake TEXT,
        source TEXT                         -- 'cli', 'tui', 'watch'
    );
    CREATE INDEX attempts_by_exercise ON attempts(exercise, ts);
    CREATE TABLE exercise_state (
        exercise TEXT PRIMARY KEY,
        solved_ts REAL,
        hints_revealed INTEGER NOT NULL DEFAULT 0,
        solution_revealed INTEGER NOT NULL DEFAULT 0,
        gave_up INTEGER NOT NULL DEFAULT 0,
        time_spent_s REAL NOT NULL DEFAULT 0
    );
    CREATE TABLE lesson_position (
        lesson TEXT PRIMARY KEY,
        section INTEGER NOT NULL,
        sections INTEGER,
        updated_ts REAL NOT NULL,
        time_spent_s REAL NOT NULL DEFAULT 0
    );
    CREATE TABLE quiz_cards (
        card_key TEXT PRIMARY KEY,          -- content hash of the question
        lesson TEXT NOT NULL,
        card_json TEXT NOT NULL,            -- the fsrs Card, serialised
        due_ts REAL NOT NULL,
        created_ts REAL NOT NULL
    );
    CREATE INDEX cards_by_due ON quiz_cards(due_ts);
    CREATE TABLE quiz_reviews (
        id INTEGER PRIMARY KEY,
        card_key TEXT NOT NULL,
        ts REAL NOT NULL,
        rating INTEGER NOT NULL,
        correct INTEGER NOT NULL
    );
    CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
]


class StoreError(Exception):
    pass


@dataclass
class ExerciseState:
    exercise: str
    attempts: int = 0
    solved: bool = False
    hints_revealed: int = 0
    solution_revealed: bool = False
    gave_up: bool = False
    time_spent_s: float = 0.0
    last_status: str | None = None

    @property
    def status(self) -> str:
        """'passed', 'attempted' or 'not started'."""
        if self.solved:
            return "passed"
        return "attempted" if self.attempts else "not started"


def _busy(exc: sqlite3.Error) -> bool:
    """SQLITE_BUSY or SQLITE_LOCKED: someone else holds the database past our busy timeout."""
    return getattr(exc, "sqlite_errorcode", None) in (5, 6) or "locked" in str(exc)


class Store:
    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path else paths.database_path()
        self.notice: str | None = None
        self._conn = self._open()

    # -- opening, migrating, recovering ---------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=15.0, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA busy_timeout=15000")
        return conn

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = None
        try:
            conn = self._connect()
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                conn.close()
                return self._move_aside(_("it was written by a newer dltutor (schema {version}, this one knows "
                                          "{known})").format(version=version, known=SCHEMA_VERSION))
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                conn.close()
                return self._move_aside(_("it failed SQLite's integrity check ({check})").format(check=check))
            self._migrate(conn, version)
            return conn
        except sqlite3.DatabaseError as exc:
            if conn is not None:
                conn.close()
            if _busy(exc):
                raise  # another program holds it: not broken, and never to be moved aside
            return self._move_aside(_("it is not a readable database ({error})").format(error=exc))

    def _migrate(self, conn: sqlite3.Connection, version: int) -> None:
        for target in range(version, SCHEMA_VERSION):
            with self._transaction(conn):
                # Another process may have migrated while we waited for the write lock.
                if conn.execute("PRAGMA user_version").fetchone()[0] > target:
                    continue
                for statement in MIGRATIONS[target].split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {target + 1}")

    def _move_aside(self, reason: str) -> sqlite3.Connection:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.broken-{stamp}")
        counter = 1
        while any(Path(str(aside) + suffix).exists() for suffix in ("", "-wal", "-shm")):
            # rename() replaces silently: never let a second move in the same second destroy the first.
            aside = self.path.with_name(f"{self.path.name}.broken-{stamp}-{counter}")
            counter += 1
        for suffix in ("", "-wal", "-shm"):
            part = Path(str(self.path) + suffix)
            if part.exists():
                part.rename(Path(str(aside) + suffix))
        # In the learner's language; SQLite's own words in `reason` ({error}, {check}) stay as SQLite wrote them.
        self.notice = _("Your progress database could not be used because {reason}. It was moved to {aside} "
                        "(nothing was deleted) and a fresh one was started.").format(reason=reason, aside=aside)
        conn = self._connect()
        self._migrate(conn, 0)
        return conn

    @staticmethod
    @contextmanager
    def _transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")

    def write(self):
        """A write transaction: `with store.write() as db: db.execute(...)`."""
        return self._transaction(self._conn)

    def close(self) -> None:
        self._conn.close()

    # `with open_store() as store:` closes the connection however the block ends.
    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- attempts and exercise state --------------------------------------------------------
    def record_attempt(self, exercise: str, status: str, duration_s: float | None = None,
                       seed: int | None = None, failed_tests: int = 0, mistake: str | None = None,
                       source: str = "cli") -> None:
        now = time.time()
        with self.write() as db:
            db.execute("INSERT INTO attempts (exercise, ts, status, duration_s, seed, failed_tests, mistake, source)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       (exercise, now, status, duration_s, seed, failed_tests, mistake, source))
            db.execute("INSERT OR IGNORE INTO exercise_state (exercise) VALUES (?)", (exercise,))
            if status == "pass":
                db.execute("UPDATE exercise_state SET solved_ts = COALESCE(solved_ts, ?) WHERE exercise = ?",
                           (now, exercise))

    def attempts(self, exercise: str | None = None) -> list[dict]:
        query = "SELECT exercise, ts, status, duration_s, seed, failed_tests, mistake, source FROM attempts"
        rows = (self._conn.execute(query + " WHERE exercise = ? ORDER BY ts, id", (exercise,)) if exercise
                else self._conn.execute(query + " ORDER BY ts, id"))
        keys = ("exercise", "ts", "status", "duration_s", "seed", "failed_tests", "mistake", "source")
        return [dict(zip(keys, row)) for row in rows]

    def exercise_state(self, exercise: str) -> ExerciseState:
        return self.exercise_states().get(exercise, ExerciseState(exercise))

    def exercise_states(self) -> dict[str, ExerciseState]:
        states: dict[str, ExerciseState] = {}
        for row in self._conn.execute(
                "SELECT exercise, solved_ts, hints_revealed, solution_revealed, gave_up, time_spent_s FROM exercise_state"):
            states[row[0]] = ExerciseState(row[0], solved=row[1] is not None, hints_revealed=row[2],
                                           solution_revealed=bool(row[3]), gave_up=bool(row[4]), time_spent_s=row[5])
        for exercise, count, last in self._conn.execute(
                "SELECT exercise, COUNT(*), (SELECT status FROM attempts a2 WHERE a2.exercise = a.exercise"
                " ORDER BY ts DESC, id DESC LIMIT 1) FROM attempts a GROUP BY exercise"):
            state = states.setdefault(exercise, ExerciseState(exercise))
            state.attempts, state.last_status = count, last
        return states

    def reveal_hint(self, exercise: str, available: int) -> int:
        """Reveal one more hint (up to `available`); returns how many are now revealed."""
        with self.write() as db:
            db.execute("INSERT OR IGNORE INTO exercise_state (exercise) VALUES (?)", (exercise,))
            db.execute("UPDATE exercise_state SET hints_revealed = MIN(hints_revealed + 1, ?) WHERE exercise = ?",
                       (available, exercise))
            return db.execute("SELECT hints_revealed FROM exercise_state WHERE exercise = ?", (exercise,)).fetchone()[0]

    def reveal_solution(self, exercise: str, gave_up: bool) -> None:
        with self.write() as db:
            db.execute("INSERT OR IGNORE INTO exercise_state (exercise) VALUES (?)", (exercise,))
            db.execute("UPDATE exercise_state SET solution_revealed = 1, gave_up = MAX(gave_up, ?) WHERE exercise = ?",
                       (int(gave_up), exercise))

    def add_time(self, exercise: str, seconds: float) -> None:
        with self.write() as db:
            db.execute("INSERT OR IGNORE INTO exercise_state (exercise) VALUES (?)", (exercise,))
            db.execute("UPDATE exercise_state SET time_spent_s = time_spent_s + ? WHERE exercise = ?",
                       (max(0.0, seconds), exercise))

    # -- lessons ----------------------------------------------------------------------------
    def set_lesson_position(self, lesson: str, section: int, sections: int | None = None,
                            add_seconds: float = 0.0) -> None:
        with self.write() as db:
            db.execute("INSERT INTO lesson_position (lesson, section, sections, updated_ts, time_spent_s)"
                       " VALUES (?, ?, ?, ?, ?) ON CONFLICT(lesson) DO UPDATE SET section = excluded.section,"
                       " sections = COALESCE(excluded.sections, sections), updated_ts = excluded.updated_ts,"
                       " time_spent_s = time_spent_s + excluded.time_spent_s",
                       (lesson, section, sections, time.time(), max(0.0, add_seconds)))

    def lesson_positions(self) -> dict[str, dict]:
        rows = self._conn.execute("SELECT lesson, section, sections, updated_ts, time_spent_s FROM lesson_position")
        return {r[0]: {"section": r[1], "sections": r[2], "updated_ts": r[3], "time_spent_s": r[4]} for r in rows}

    def last_position(self) -> tuple[str, int] | None:
        """The lesson read most recently and the section reached."""
        row = self._conn.execute("SELECT lesson, section FROM lesson_position ORDER BY updated_ts DESC LIMIT 1").fetchone()
        return (row[0], row[1]) if row else None

    # -- quiz cards ---------------------------------------------------------------------------
    def card(self, card_key: str) -> dict | None:
        row = self._conn.execute("SELECT card_json FROM quiz_cards WHERE card_key = ?", (card_key,)).fetchone()
        return json.loads(row[0]) if row else None

    def save_card(self, card_key: str, lesson: str, card: dict, due_ts: float) -> None:
        with self.write() as db:
            db.execute("INSERT INTO quiz_cards (card_key, lesson, card_json, due_ts, created_ts) VALUES (?, ?, ?, ?, ?)"
                       " ON CONFLICT(card_key) DO UPDATE SET card_json = excluded.card_json, due_ts = excluded.due_ts",
                       (card_key, lesson, json.dumps(card), due_ts, time.time()))

    def record_review(self, card_key: str, lesson: str, card: dict, due_ts: float, rating: int, correct: bool) -> None:
        """Save the rescheduled card and its review log in one transaction."""
        now = time.time()
        with self.write() as db:
            db.execute("INSERT INTO quiz_cards (card_key, lesson, card_json, due_ts, created_ts) VALUES (?, ?, ?, ?, ?)"
                       " ON CONFLICT(card_key) DO UPDATE SET card_json = excluded.card_json, due_ts = excluded.due_ts",
                       (card_key, lesson, json.dumps(card), due_ts, now))
            db.execute("INSERT INTO quiz_reviews (card_key, ts, rating, correct) VALUES (?, ?, ?, ?)",
                       (card_key, now, rating, int(correct)))

    def cards(self, due_before: float | None = None) -> list[dict]:
        query = "SELECT card_key, lesson, card_json, due_ts FROM quiz_cards"
        rows = (self._conn.execute(query + " WHERE due_ts <= ? ORDER BY due_ts", (due_before,)) if due_before is not None
                else self._conn.execute(query + " ORDER BY due_ts"))
        return [{"card_key": k, "lesson": l, "card": json.loads(c), "due_ts": d} for k, l, c, d in rows]

    def reviews(self, card_key: str | None = None) -> list[dict]:
        query = "SELECT card_key, ts, rating, correct FROM quiz_reviews"
        rows = (self._conn.execute(query + " WHERE card_key = ? ORDER BY ts, id", (card_key,)) if card_key
                else self._conn.execute(query + " ORDER BY ts, id"))
        return [{"card_key": k, "ts": t, "rating": r, "correct": bool(c)} for k, t, r, c in rows]

    # -- small settings -----------------------------------------------------------------------
    def get(self, key: str, default: str | None = None) -> str | None:
        row = self._conn.execute("SELECT value FROM kv WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def put(self, key: str, value: str) -> None:
        with self.write() as db:
            db.execute("INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       (key, value))

    def export(self) -> dict:
        """Everything, as plain JSON-able data (the Progress screen's export)."""
        return {
            "schema": SCHEMA_VERSION,
            "attempts": self.attempts(),
            "exercises": {k: vars(v) | {"status": v.status} for k, v in self.exercise_states().items()},
            "lessons": self.lesson_positions(),
            "cards": self.cards(),
            "reviews": self.reviews(),
        }


def open_store(path: Path | None = None) -> Store:
    return Store(path)
