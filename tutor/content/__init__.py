"""Course content: lessons, exercises, quizzes. Plain Python: no UI, no torch."""
from tutor.content.catalog import Catalog, load_catalog, shipped_catalog, unknown_message
from tutor.content.errors import ContentError
from tutor.content.exercises import Exercise, Mistake, Note
from tutor.content.lessons import Lesson, Section
from tutor.content.quizzes import Question

__all__ = ["Catalog", "ContentError", "Exercise", "Lesson", "Mistake", "Note", "Question", "Section",
           "load_catalog", "shipped_catalog", "unknown_message"]
