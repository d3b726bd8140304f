"""Per-user progress in one SQLite database. Plain Python: no UI, no torch."""
from tutor.progress.store import SCHEMA_VERSION, ExerciseState, Store, open_store

__all__ = ["SCHEMA_VERSION", "ExerciseState", "Store", "open_store"]
