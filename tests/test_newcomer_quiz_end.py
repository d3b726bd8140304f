"""The end of a quiz sitting with one question left reads right.

Found by a newcomer: lesson 1's quiz has 11 questions; after the first sitting of 10 the score said
"1 question of this quiz still to answer: open the quiz again for the next ones."
"""
from __future__ import annotations

import pytest
from conftest import screen_text, wait_for

from tutor.content import shipped_catalog

pytestmark = pytest.mark.asyncio


async def test_one_question_left_is_spoken_of_as_one(en):
    from tutor.quiz.scheduler import ReviewScheduler
    from tutor.tui.app import DLTutorApp
    from tutor.tui.course import QUIZ_SESSION
    from tutor.tui.screens.quiz import QuizScreen

    catalog = shipped_catalog()
    lesson = catalog.lesson("intro")
    questions = catalog.quiz(lesson)
    # All but QUIZ_SESSION + 1 already answered: this sitting of QUIZ_SESSION leaves exactly one.
    app = DLTutorApp()
    async with app.run_test(size=(100, 35)) as pilot:
        for question in questions[:len(questions) - QUIZ_SESSION - 1]:
            ReviewScheduler(app.store).record(question.key, lesson.id, correct=True)
        app.open_quiz(lesson.id)
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen) and app.screen.session is not None, 10,
                       "the quiz")
        screen = app.screen
        assert screen.left_after == 1
        for _ in range(4 * screen.session.total):          # give up on each, then move on, until the score
            if "Score:" in screen_text(app):
                break
            await pilot.press("ctrl+g")
            await pilot.pause(0.1)
            await pilot.press("enter")
            await pilot.pause(0.1)
        await wait_for(pilot, lambda: "Score:" in screen_text(app), 10, f"the score: {screen_text(app)}")
        text = " ".join(screen_text(app).split())
        assert "1 question of this quiz still to answer: open the quiz again to answer it." in text
        assert "for the next ones" not in text
