"""Quizzes: presented questions, answer checking, generated questions, FSRS review, sessions.

No UI and no torch. The pieces, each in its own module:
  model.present(question, seed) -> PresentedQuestion   (answers.check judges free text)
  generators.generate(name, seed) -> Generated          (fresh numbers, worked explanation)
  scheduler.ReviewScheduler(store)                      (record, queue, next_due)
  session.QuizSession(questions, reviews, seed, limit)  (used by the CLI and the TUI)
Import from the modules; this package's import stays free of fsrs so it costs nothing.
"""

REVIEW_LIMIT = 20      # cards in one review session, in the CLI and in the app
