"""An id of the wrong kind on the command line: the message says what the id is and where to go.

Found by a newcomer: `dltutor quiz softmax` (and `dltutor lesson softmax`) answered "Unknown lesson
'softmax'. Run 'dltutor list' to see them all." — true, but softmax is right there in the course, as an
exercise; `dltutor check convnets` said "Unknown exercise 'convnets'" of a lesson with four exercises.
"""
from __future__ import annotations

import pytest

from tutor.cli import main


@pytest.mark.parametrize("command", ["quiz", "lesson"])
def test_an_exercise_id_where_a_lesson_belongs_names_its_lesson(en, capsys, command):
    assert main([command, "softmax"]) == 2
    err = capsys.readouterr().err
    assert "'softmax' is an exercise, not a lesson" in err
    assert "'activation-functions'" in err


@pytest.mark.parametrize("command", ["check", "hint", "start", "solution"])
def test_a_lesson_id_where_an_exercise_belongs_names_its_exercises(en, capsys, command):
    assert main([command, "convnets"]) == 2
    err = capsys.readouterr().err
    assert "'convnets' is a lesson, not an exercise" in err
    assert "conv_output_size, conv2d, im2col, max_pool2d" in err


def test_a_lesson_number_is_a_lesson_too(en, capsys):
    assert main(["check", "5"]) == 2
    assert "'5' is a lesson, not an exercise; its exercises are conv_output_size" in capsys.readouterr().err


def test_a_lesson_without_exercises_and_a_typo_keep_the_usual_message(en, capsys):
    assert main(["check", "intro"]) == 2
    assert "Unknown exercise 'intro'." in capsys.readouterr().err
    assert main(["check", "sofmax"]) == 2
    assert "Did you mean 'softmax'?" in capsys.readouterr().err


def test_in_chinese(zh, capsys):
    assert main(["quiz", "softmax"]) == 2
    err = capsys.readouterr().err
    assert "'softmax' 是练习，不是课程" in err and "'activation-functions'" in err
