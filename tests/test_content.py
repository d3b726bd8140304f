"""Content loading: lessons, exercises and quizzes, and the errors bad content gives."""
from __future__ import annotations

from pathlib import Path

import pytest

from tutor.cli import main
from tutor.content import ContentError, load_catalog
from tutor.content.lessons import load_lesson, split_sections

CHECKOUT = Path(__file__).resolve().parent.parent


def only_error(content) -> ContentError:
    catalog = load_catalog(content.root)
    assert len(catalog.errors) == 1, [str(e) for e in catalog.errors]
    return catalog.errors[0]


# -- a valid course -----------------------------------------------------------------------------

def test_fake_course_loads_without_errors(fake_content):
    catalog = load_catalog(fake_content.root)
    assert catalog.errors == []
    assert [l.id for l in catalog.lessons] == ["basics", "convnets"]   # by order, FORMAT.md ignored
    assert sorted(catalog.exercises) == ["activations", "conv2d", "max_pool2d"]
    basics = catalog.lesson("basics")
    assert basics.title == "Basics" and basics.order == 1 and basics.demo == "gd"
    assert basics.exercises == ("activations",)
    assert basics.summary == "The basics lesson."
    assert catalog.lesson("5") is catalog.lesson("05") is catalog.lesson("convnets")
    conv2d = catalog.exercise("conv2d")
    assert conv2d.functions == ("conv2d",) and conv2d.lesson == "convnets"
    assert conv2d.hints == ("A nudge.", "The concept.", "Nearly the answer.")
    assert conv2d.forbidden == ("torch.nn.functional.conv2d",)
    assert conv2d.mistakes["flipped_kernel"].explanation == "You flipped the kernel."
    assert conv2d.mistakes["flipped_kernel"].path == fake_content.exercises / "conv2d/mistakes/flipped_kernel.py"
    assert [e.id for e in catalog.lesson_exercises(catalog.lesson("convnets"))] == ["conv2d", "max_pool2d"]


def test_lesson_sections_split_at_headings_but_not_inside_code(fake_content):
    lesson = load_lesson(fake_content.lessons / "01-basics.md")
    assert [s.title for s in lesson.sections] == ["Basics", "Activations", "Try it"]
    opening, activations, try_it = lesson.sections
    assert opening.body.startswith("# Basics") and "Opening words" in opening.body
    assert "## this is a comment inside code" in activations.body     # stayed in its section
    assert activations.body.startswith("## Activations")
    # Line numbers point into the file, so an editor can jump there.
    assert activations.line == fake_content.line_of("lessons/01-basics.md", "## Activations")
    assert try_it.line == fake_content.line_of("lessons/01-basics.md", "## Try it")
    assert opening.line == fake_content.line_of("lessons/01-basics.md", "# Basics")
    convnets = load_lesson(fake_content.lessons / "05-convnets.md")
    assert [s.title for s in convnets.sections] == ["Convolutional networks", "Cross-correlation", "Pooling"]
    assert convnets.quiz_path == fake_content.lessons / "05-convnets.quiz.toml"


@pytest.mark.parametrize("body, titles", [
    ("intro\n## A\na\n## B\nb\n", ["T", "A", "B"]),
    ("## A\na\n", ["A"]),                                              # no opening section when empty
    ("## A\n```\n## inside\n```\n## B\n", ["A", "B"]),
    ("## A\n~~~\n```\n## inside\n```\n~~~\n## B\n", ["A", "B"]),     # ``` inside a ~~~ block is text
    ("## A\n````md\n```\n## inside\n```\n````\n## B\n", ["A", "B"]),  # a shorter fence does not close a longer one
    ("## A\n### sub\n#### subsub\n## B\n", ["A", "B"]),               # only level-2 headings cut
    ("## A ##\ntext\n", ["A"]),                                        # closing #s are not part of the title
])
def test_split_sections(body, titles):
    sections = split_sections(body, "T", first_line=10)
    assert [s.title for s in sections] == titles
    assert "## inside" not in [s.title for s in sections]
    assert "".join(s.body for s in sections).count("## inside") == body.count("## inside")


def test_quiz_loads_with_stable_content_keys(fake_content):
    catalog = load_catalog(fake_content.root)
    questions = catalog.quiz(catalog.lesson("convnets"))
    assert [q.kind for q in questions] == ["choice", "numeric", "generated"]
    assert questions[0].answer == 1 and questions[0].choices == ("convolution", "cross-correlation")
    assert questions[2].generator == "conv_output_shape"
    keys = [q.key for q in questions]
    assert len(set(keys)) == 3
    fake_content.edit("lessons/05-convnets.quiz.toml", "The kernel is not flipped.", "Not flipped.")
    edited = catalog.quiz(catalog.lesson("convnets"))
    assert edited[0].key != keys[0] and [q.key for q in edited[1:]] == keys[1:]   # an edit starts a card fresh


# -- bad content: each error names the file, and the line where there is one -------------------

LESSON = "lessons/01-basics.md"
CONV_MANIFEST = "exercises/conv2d/exercise.toml"
QUIZ_FILE = "lessons/05-convnets.quiz.toml"


def test_lesson_missing_field(fake_content):
    fake_content.edit(LESSON, 'title = "Basics"\n', "")
    error = only_error(fake_content)
    assert error.path == fake_content.lessons / "01-basics.md"
    assert "'title'" in error.message and error.line == 1
    assert str(error).startswith(f"{fake_content.lessons / '01-basics.md'}:1: ")


def test_lesson_bad_toml_reports_the_file_line(fake_content):
    fake_content.edit(LESSON, "order = 1", "order = = 1")
    error = only_error(fake_content)
    assert error.path.name == "01-basics.md"
    assert error.line == fake_content.line_of(LESSON, "order = = 1") == 4
    assert "not valid TOML" in error.message and "(at line" not in error.message   # no header-relative line


def test_lesson_front_matter_never_closed(fake_content):
    text = (fake_content.root / LESSON).read_text().replace("+++\n# Basics", "# Basics")
    fake_content.write(LESSON, text)
    error = only_error(fake_content)
    assert "never closed" in error.message and error.line == 1


def test_lesson_wrong_type_points_at_its_key(fake_content):
    fake_content.edit(LESSON, "order = 1", 'order = "one"')
    error = only_error(fake_content)
    assert "'order'" in error.message and error.line == fake_content.line_of(LESSON, "order =")


def test_lesson_order_must_match_file_number(fake_content):
    fake_content.edit(LESSON, "order = 1", "order = 3")
    error = only_error(fake_content)
    assert "order = 3" in error.message and "01" in error.message


def test_lesson_with_an_unclosed_code_fence(fake_content):
    fake_content.edit(LESSON, 'print("hi")\n```\n', 'print("hi")\n')
    error = only_error(fake_content)
    assert "never closed" in error.message and error.line == fake_content.line_of(LESSON, "```python")


def test_lesson_names_an_unknown_exercise(fake_content):
    fake_content.edit(LESSON, '["activations"]', '["activations", "activation"]')
    error = only_error(fake_content)
    assert error.path.name == "01-basics.md"
    assert error.line == fake_content.line_of(LESSON, "exercises =")
    assert "'activation'" in error.message and "Did you mean 'activations'" in error.message


def test_exercise_names_an_unknown_lesson(fake_content):
    fake_content.edit(CONV_MANIFEST, 'lesson = "convnets"', 'lesson = "convnet"')
    catalog = load_catalog(fake_content.root)
    messages = [str(e) for e in catalog.errors]
    manifest = fake_content.root / CONV_MANIFEST
    assert any(m.startswith(f"{manifest}:{fake_content.line_of(CONV_MANIFEST, 'lesson =')}:")
               and "Did you mean 'convnets'" in m for m in messages), messages


def test_exercise_and_lesson_must_agree(fake_content):
    fake_content.edit(LESSON, '["activations"]', '["activations", "max_pool2d"]')
    messages = [str(e) for e in load_catalog(fake_content.root).errors]
    assert any("01-basics.md" in m and "'max_pool2d'" in m and "lesson = 'convnets'" in m for m in messages), messages


def test_starter_missing_a_listed_function(fake_content):
    fake_content.write("exercises/activations/starter.py", "def sigmoid(x):\n    raise NotImplementedError\n")
    error = only_error(fake_content)
    assert error.path == fake_content.exercises / "activations" / "starter.py"
    assert "relu" in error.message and "sigmoid" not in error.message


def test_solution_with_a_syntax_error(fake_content):
    fake_content.write("exercises/activations/solution.py", "def sigmoid(x):\n    return (x\n\ndef relu(x): pass\n")
    error = only_error(fake_content)
    assert error.path.name == "solution.py" and "syntax error" in error.message and error.line is not None


def test_exercise_id_differs_from_folder(fake_content):
    fake_content.edit(CONV_MANIFEST, 'id = "conv2d"', 'id = "conv_2d"')
    error = only_error(fake_content)
    assert error.path == fake_content.root / CONV_MANIFEST
    assert "'conv_2d'" in error.message and "'conv2d'" in error.message
    assert error.line == fake_content.line_of(CONV_MANIFEST, "id =") == 1


def test_exercise_with_fewer_than_three_hints(fake_content):
    fake_content.edit(CONV_MANIFEST, '  "Nearly the answer.",\n', "")
    error = only_error(fake_content)
    assert error.path.name == "exercise.toml" and "at least 3" in error.message and "has 2" in error.message
    assert error.line == fake_content.line_of(CONV_MANIFEST, "hints =")


def test_exercise_missing_field(fake_content):
    fake_content.edit(CONV_MANIFEST, 'functions = ["conv2d"]\n', "")
    error = only_error(fake_content)
    assert error.path == fake_content.root / CONV_MANIFEST and "'functions'" in error.message


def test_exercise_bad_toml_line(fake_content):
    fake_content.edit(CONV_MANIFEST, "timeout = 10", "timeout = ")
    error = only_error(fake_content)
    assert error.path.name == "exercise.toml" and error.line == fake_content.line_of(CONV_MANIFEST, "timeout =")


@pytest.mark.parametrize("old, new, fragment", [
    ('  "The concept.",', "  3,", "'hints'"),                           # not a string: no AttributeError
    ("timeout = 10", 'timeout = "ten"', "'timeout'"),
    ('functions = ["conv2d"]', 'functions = ["conv 2d"]', "identifier"),
    ('forbidden = ["torch.nn.functional.conv2d"]', "forbidden = [1]", "'forbidden'"),
])
def test_exercise_fields_of_the_wrong_type(fake_content, old, new, fragment):
    fake_content.edit(CONV_MANIFEST, old, new)
    error = only_error(fake_content)
    assert error.path.name == "exercise.toml" and fragment in error.message and error.line is not None


def test_mistake_without_its_variant_file(fake_content):
    (fake_content.exercises / "conv2d" / "mistakes" / "flipped_kernel.py").unlink()
    error = only_error(fake_content)
    assert error.path == fake_content.root / CONV_MANIFEST
    assert "mistakes/flipped_kernel.py" in error.message
    assert error.line == fake_content.line_of(CONV_MANIFEST, "[mistakes.flipped_kernel]")


def test_mistake_without_an_explanation(fake_content):
    fake_content.edit(CONV_MANIFEST, 'explanation = "You flipped the kernel."', "")
    error = only_error(fake_content)
    assert "flipped_kernel" in error.message and "explanation" in error.message


def test_mistake_variant_must_define_the_functions(fake_content):
    fake_content.write("exercises/conv2d/mistakes/flipped_kernel.py", "def conv2(x):\n    return x\n")
    error = only_error(fake_content)
    assert error.path.name == "flipped_kernel.py" and "conv2d" in error.message
    # Reusing a correct function by import is fine.
    fake_content.write("exercises/conv2d/mistakes/flipped_kernel.py", "from solution import conv2d\n")
    assert load_catalog(fake_content.root).errors == []


def test_exercise_folder_without_manifest(fake_content):
    fake_content.write("exercises/softmax/starter.py", "def softmax(x, dim=-1):\n    raise NotImplementedError\n")
    error = only_error(fake_content)
    assert error.path == fake_content.exercises / "softmax" and "no exercise.toml" in error.message


@pytest.mark.parametrize("old, new, fragment", [
    ('kind = "choice"', 'kind = "essay"', "kind must be one of"),
    ("answer = 1\n", "answer = 2\n", "answer 2 is not an index into its 2 choices"),
    ("answer = 1\n", "answer = -1\n", "answer -1 is not an index"),
    ("answer = 1\n", "answer = true\n", "answer True is not an index"),
    ('kind = "choice"', 'kind = "multi"', "non-empty list"),
    ("answer = 456", 'answer = "456"', "must be a number"),
    ('generator = "conv_output_shape"', 'generator = "dream"', "unknown generator 'dream'"),
    ('verify = "sum(', 'verify = "sum((', "not a Python expression"),
])
def test_bad_quiz_questions(fake_content, old, new, fragment):
    fake_content.edit(QUIZ_FILE, old, new)
    error = only_error(fake_content)
    assert error.path == fake_content.root / QUIZ_FILE
    assert fragment in error.message, error.message
    # The message says which question, and the line is that question's [[question]] header.
    question = int(error.message.split("question ")[1].split(":")[0])
    headers = [n for n, line in enumerate((fake_content.root / QUIZ_FILE).read_text().splitlines(), 1)
               if line == "[[question]]"]
    assert error.line == headers[question - 1]


def test_quiz_multi_answer_out_of_range(fake_content):
    fake_content.edit(QUIZ_FILE, 'kind = "choice"', 'kind = "multi"')
    fake_content.edit(QUIZ_FILE, "answer = 1\n", "answer = [0, 5]\n")
    assert "answer 5 is not an index" in only_error(fake_content).message


def test_quiz_bad_toml_and_wrong_lesson(fake_content):
    fake_content.edit(QUIZ_FILE, "answer = 456", "answer = 456 456")
    error = only_error(fake_content)
    assert error.line == fake_content.line_of(QUIZ_FILE, "answer = 456 456")
    fake_content.edit(QUIZ_FILE, "answer = 456 456", "answer = 456")
    fake_content.edit(QUIZ_FILE, 'lesson = "convnets"', 'lesson = "basics"')
    error = only_error(fake_content)
    assert error.path.name == "05-convnets.quiz.toml" and "'basics'" in error.message


def test_quiz_without_a_lesson(fake_content):
    fake_content.write("lessons/07-orphan.quiz.toml", '[[question]]\nkind = "generated"\ngenerator = "conv_output_shape"\n')
    error = only_error(fake_content)
    assert error.path.name == "07-orphan.quiz.toml" and "no lesson beside it" in error.message


def test_errors_are_collected_and_the_rest_still_loads(fake_content):
    fake_content.edit(CONV_MANIFEST, 'id = "conv2d"', 'id = "conv_2d"')
    fake_content.edit("lessons/05-convnets.md", "order = 5", "order = = 5")
    catalog = load_catalog(fake_content.root)
    assert {e.path.name for e in catalog.errors} >= {"exercise.toml", "05-convnets.md"}
    assert [l.id for l in catalog.lessons] == ["basics"]
    assert sorted(catalog.exercises) == ["activations", "max_pool2d"]
    with pytest.raises(ContentError):
        load_catalog(fake_content.root, strict=True)


def test_unknown_ids_suggest_close_matches(fake_content):
    catalog = load_catalog(fake_content.root)
    with pytest.raises(KeyError, match="Did you mean 'conv2d'"):
        catalog.exercise("conv2e")
    with pytest.raises(KeyError, match="Did you mean 'convnets'"):
        catalog.lesson("convnet")
    with pytest.raises(KeyError, match="Unknown lesson or exercise 'zzz'"):
        catalog.resolve("zzz")
    assert catalog.resolve("conv2d").id == "conv2d" and catalog.resolve("1").id == "basics"


# -- dltutor validate ------------------------------------------------------------------------------

def test_validate_a_good_course(fake_content, capsys):
    assert main(["validate", "--root", str(fake_content.root)]) == 0
    out = capsys.readouterr().out
    assert "2 lessons, 3 exercises, 3 quiz questions; 0 problems." in out


def test_validate_lists_every_problem_with_file_and_line(fake_content, capsys):
    fake_content.edit(LESSON, '["activations"]', '["activations", "activation"]')
    fake_content.edit(CONV_MANIFEST, '  "Nearly the answer.",\n', "")
    assert main(["validate", "--root", str(fake_content.root)]) == 1
    out = capsys.readouterr().out
    lesson_line = fake_content.line_of(LESSON, "exercises =")
    assert f"error: {fake_content.root / LESSON}:{lesson_line}: Unknown exercise 'activation'" in out
    assert f"error: {fake_content.root / CONV_MANIFEST}:{fake_content.line_of(CONV_MANIFEST, 'hints =')}:" in out
    assert "2 problems." in out


def test_validate_an_empty_or_missing_folder_is_a_usage_error(tmp_path, capsys):
    assert main(["validate", "--root", str(tmp_path / "nowhere")]) == 2
    assert "no lessons/ or exercises/" in capsys.readouterr().err


def test_every_shipped_lesson_file_loads():
    """Lesson files on their own (cross-references to exercises are checked by validate)."""
    from tutor.content.lessons import LESSON_FILE

    for path in sorted((CHECKOUT / "lessons").glob("*.md")):
        if LESSON_FILE.match(path.name):
            lesson = load_lesson(path)
            assert lesson.sections, path


def test_shipped_content_validates(capsys):
    # `dltutor validate` in this process (torch is loaded here already); the same command as a real
    # process, on the same course, is tests/test_zh_content.py::test_validate_requires_every_translation.
    from tutor.cli import main

    code = main(["validate"])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert "0 problems." in out


def test_a_manifest_from_a_newer_format_asks_for_an_update(tmp_path):
    import shutil

    from tutor.content.errors import ContentError
    from tutor.content.exercises import MANIFEST_FORMAT, load_exercise

    folder = tmp_path / "conv2d"
    from tutor import paths

    shutil.copytree(paths.exercises_dir() / "conv2d", folder)
    manifest = folder / "exercise.toml"
    text = manifest.read_text(encoding="utf-8")
    assert load_exercise(folder).id == "conv2d"
    manifest.write_text(text.replace("format = 1", f"format = {MANIFEST_FORMAT + 1}", 1), encoding="utf-8")
    with pytest.raises(ContentError, match="update dltutor"):
        load_exercise(folder)
    manifest.write_text(text.replace("format = 1", 'format = "one"', 1), encoding="utf-8")
    with pytest.raises(ContentError, match="positive whole number"):
        load_exercise(folder)
