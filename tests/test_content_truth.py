"""The course content tells the truth and teaches: worked examples that are right and that expose
every named mistake, hints in prose, mistakes named on fixed cases, quiz distractors that differ
from the answer, and the mistake-first hint order."""
from __future__ import annotations

import ast
import doctest
import math
import re
import tomllib

import pytest
import torch
from conftest import close

from tutor import paths
from tutor.content import load_catalog
from tutor.grading.exercise_files import load_module

CATALOG = load_catalog()
CATALOG_ROOT = paths.content_root()
EXERCISES = sorted(CATALOG.exercises)


# -- worked examples ------------------------------------------------------------------------------
# Every starter's docstrings hold its worked example as doctest lines (`>>> call` then the value it
# returns), which a learner can paste into a Python prompt and which these tests execute.

def worked_examples(exercise) -> list[doctest.Example]:
    module = ast.parse(exercise.starter.read_text(encoding="utf-8"))
    docs = [ast.get_docstring(module) or ""]
    docs += [ast.get_docstring(node) or "" for node in module.body if isinstance(node, ast.FunctionDef)]
    parser = doctest.DocTestParser()
    return [example for doc in docs for example in parser.get_examples(doc)]


def run_examples(path, name: str, examples: list[doctest.Example]) -> list[object]:
    """Execute the examples in order against one learner file; each value, or the exception raised."""
    module = load_module(path, name)
    namespace = {"torch": torch, "nn": torch.nn, "F": torch.nn.functional, "math": math}
    namespace.update({k: v for k, v in vars(module).items() if not k.startswith("__")})
    values = []
    torch.manual_seed(0)
    for example in examples:
        try:
            if example.want.strip():
                values.append(eval(example.source, namespace))
            else:
                exec(example.source, namespace)
        except Exception as exc:                # a mistake may crash on the example: that shows too
            if example.want.strip():
                values.append(exc)
            else:
                return values + [exc] * sum(1 for e in examples[examples.index(example):] if e.want.strip())
    return values


def shown(want: str) -> object:
    return eval(want, {"tensor": torch.tensor, "torch": torch, "nan": math.nan, "inf": math.inf})


def example_lines(exercise) -> list[doctest.Example]:
    examples = worked_examples(exercise)
    assert any(e.want.strip() for e in examples), f"{exercise.id}: the starter has no `>>>` worked example"
    return examples


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_worked_example_is_what_the_solution_returns(exercise_id):
    exercise = CATALOG.exercises[exercise_id]
    examples = example_lines(exercise)
    values = run_examples(exercise.solution, f"truth_solution_{exercise_id}", examples)
    wants = [e for e in examples if e.want.strip()]
    for example, value in zip(wants, values):
        assert close(value, shown(example.want)), (
            f"{exercise_id}: `{example.source.strip()}` shows {example.want.strip()} but the solution gives {value!r}")


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_worked_example_separates_every_named_mistake(exercise_id):
    exercise = CATALOG.exercises[exercise_id]
    examples = example_lines(exercise)
    wants = [shown(e.want) for e in examples if e.want.strip()]
    hidden = []
    for mistake_id, mistake in exercise.mistakes.items():
        values = run_examples(mistake.path, f"truth_mistake_{exercise_id}_{mistake_id}", examples)
        if all(close(value, want) for value, want in zip(values, wants)):
            hidden.append(mistake_id)
    assert not hidden, f"{exercise_id}: the starter's worked example gives the right numbers for {hidden}"


# -- differentiable exercises say so -------------------------------------------------------------
DIFFERENTIATED = "your function is differentiated: stay in torch, no .item(), .numpy() or .detach() on the way"


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_differentiable_starters_say_so(exercise_id):
    exercise = CATALOG.exercises[exercise_id]
    text = " ".join(exercise.starter.read_text(encoding="utf-8").split()).lower()
    text = text.replace("your functions are differentiated", "your function is differentiated")
    assert (DIFFERENTIATED.lower() in text) == exercise.differentiable, exercise_id


# -- hints are prose ------------------------------------------------------------------------------
CODE_STATEMENTS = (ast.Return, ast.If, ast.For, ast.While, ast.With, ast.FunctionDef, ast.Import, ast.ImportFrom,
                   ast.AugAssign)


METHOD_CALL = re.compile(r"\b[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+\((?=[^)]*\w)")   # x.amax(dim=1, …), torch.exp(x)


def code_in(hint: str, functions: set[str]) -> list[str]:
    """Fragments of a hint that are code rather than prose: a code block; a Python statement
    (return, for, if, with, import, def); or an expression or assignment that calls a method or a
    torch function (`x.amax(dim=1)`, anywhere in the text), nests calls, or calls one of the
    exercise's functions. A formula written
    with = (`H_out = (H + 2·padding − K) // stride + 1`) is mathematics and stays allowed."""
    found = ["a code block"] if "```" in hint else []
    found += [m.group(0) for m in METHOD_CALL.finditer(hint)]
    plain = hint.replace("−", "-").replace("·", "*").replace("ᵀ", ".T").replace("√", "sqrt")
    fragments = re.split(r"(?<=[.;:!?])\s+|;\s*|`", plain)
    fragments += [part for fragment in fragments for part in fragment.split(", ")]
    for fragment in fragments:
        fragment = fragment.strip().rstrip(".,")
        if not fragment or " " not in fragment and "(" not in fragment and "=" not in fragment:
            continue
        try:
            tree = ast.parse(fragment)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, CODE_STATEMENTS):
                found.append(fragment)
                break
            if isinstance(node, ast.Call):
                method = isinstance(node.func, ast.Attribute)
                named = isinstance(node.func, ast.Name) and node.func.id in functions
                nested = sum(isinstance(n, ast.Call) for n in ast.walk(node)) > 1
                if method or named or nested:
                    found.append(fragment)
                    break
    return sorted(set(found))


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_hints_are_prose_not_code(exercise_id):
    exercise = CATALOG.exercises[exercise_id]
    hints = list(exercise.hints) + [m.hint for m in exercise.mistakes.values() if m.hint]
    offending = {hint[:60]: code_in(hint, set(exercise.functions)) for hint in hints}
    assert not {k: v for k, v in offending.items() if v}, offending


def test_the_prose_detector_catches_code():
    assert code_in("return weights @ v, weights.", set())
    assert code_in("Do this: scores = q @ k.transpose(-2, -1) / math.sqrt(d)", set())
    assert code_in("```python\nx = 1\n```", set())
    assert code_in("First m = x.amax(dim=1, keepdim=True), then divide.", set())
    assert code_in("softmax(x - m)", {"softmax"})
    assert not code_in("Subtract the row's maximum before you exponentiate: every exponent is then ≤ 0.", set())
    assert not code_in("H_out = (H + 2·padding − K) // stride + 1, and W_out alike.", set())


# -- mistakes are named on fixed cases ------------------------------------------------------------
@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_every_mistake_has_a_fixed_case(exercise_id, monkeypatch):
    """Grade each wrong variant on the fixed cases alone (no hypothesis draws): each is named."""
    from tutor.grading import cases, engine, exercise_files

    asked = []
    monkeypatch.setattr(cases, "draw", lambda check, seed: asked.append(check.name) or [])
    exercise = CATALOG.exercises[exercise_id]
    for mistake_id, mistake in exercise.mistakes.items():
        result = engine.grade(exercise, mistake.path, seed=1234, device="cpu")
        found = {t.mistake for t in result.tests if t.mistake}
        assert result.status == "fail" and found == {mistake_id}, (exercise_id, mistake_id, found)
    checks = exercise_files.exercise_checks(exercise).CHECKS
    if exercise.mistakes and any(c.strategy is not None for c in checks):
        assert asked, "the grader drew cases without asking cases.draw: this test would not be fixed-cases-only"




# -- after a named mistake, its own hint comes first --------------------------------------------
def test_every_mistake_hint_is_prose_and_the_loader_reads_it():
    conv2d = CATALOG.exercises["conv2d"]
    assert conv2d.mistakes["flipped_kernel"].hint and "kernel" in conv2d.mistakes["flipped_kernel"].hint


def test_the_next_hint_after_a_named_mistake_is_that_mistakes_hint(dltutor_home):
    from tutor.progress import open_store
    from tutor.progress.hints import reveal_next_hint, shown_hints

    conv2d = CATALOG.exercises["conv2d"]
    store = open_store()
    shown, new = reveal_next_hint(store, conv2d)                   # no attempt yet: hint 1
    assert new.text == conv2d.hints[0] and [h.text for h in shown] == [conv2d.hints[0]]
    store.record_attempt("conv2d", "fail", mistake="flipped_kernel")
    shown, new = reveal_next_hint(store, conv2d)                   # the mistake's hint, first
    assert new.text == conv2d.mistakes["flipped_kernel"].hint and new.mistake == "flipped_kernel"
    assert "Flipped kernel" in new.label
    assert store.exercise_state("conv2d").hints_revealed == 1     # the progressive count is untouched
    shown, new = reveal_next_hint(store, conv2d)                   # seen once: back to hint 2
    assert new.text == conv2d.hints[1]
    assert [h.text for h in shown] == [conv2d.hints[0], conv2d.mistakes["flipped_kernel"].hint, conv2d.hints[1]]
    store.record_attempt("conv2d", "fail", mistake="stride_ignored")
    store.record_attempt("conv2d", "pass")                         # the last attempt decides: no mistake
    assert reveal_next_hint(store, conv2d)[1].text == conv2d.hints[2]
    assert reveal_next_hint(store, conv2d)[1] is None              # nothing left
    assert [h.text for h in shown_hints(store, conv2d)][-1] == conv2d.hints[2]


def test_dltutor_hint_prints_the_mistake_hint_as_new(dltutor_home):
    import subprocess
    import sys

    from tutor.progress import open_store

    open_store().record_attempt("conv2d", "fail", mistake="padding_one_side")
    out = subprocess.run([sys.executable, "-m", "tutor", "hint", "conv2d"], capture_output=True, text=True,
                         timeout=120, stdin=subprocess.DEVNULL).stdout
    hint = CATALOG.exercises["conv2d"].mistakes["padding_one_side"].hint
    assert f"About your last mistake: Padding placed on one side only (new): {hint}" in " ".join(out.split()), out
    assert "Hint 1/3" not in out


def test_a_mistake_hint_must_be_a_string(tmp_path):
    from tutor.content import ContentError
    from tutor.content.exercises import load_exercise

    folder = tmp_path / "relu"
    (folder / "mistakes").mkdir(parents=True)
    for name in ("starter.py", "solution.py", "checks.py", "mistakes/leaky.py"):
        (folder / name).write_text("def relu(x):\n    return x\n")
    manifest = ('id = "relu"\ntitle = "ReLU"\nlesson = "intro"\nfunctions = ["relu"]\n'
                'hints = ["one", "two", "three"]\n\n[mistakes.leaky]\ntitle = "Leaky"\n'
                'explanation = "A paragraph."\nhint = {hint}\n')
    (folder / "exercise.toml").write_text(manifest.format(hint='"Look at negative inputs."'))
    assert load_exercise(folder).mistakes["leaky"].hint == "Look at negative inputs."
    (folder / "exercise.toml").write_text(manifest.format(hint="3"))
    with pytest.raises(ContentError, match="'hint' must be a non-empty string"):
        load_exercise(folder)


# -- quiz: numeric distractors that name a mistake really differ from the answer ------------------
def numeric_questions_with_distractors():
    found = []
    for path in sorted((CATALOG_ROOT / "lessons").glob("[0-9][0-9]-*.quiz.toml")):
        for index, question in enumerate(tomllib.loads(path.read_text(encoding="utf-8"))["question"], 1):
            if question.get("kind") == "numeric" and question.get("distractors"):
                found.append(pytest.param(question, id=f"{path.stem}-Q{index}"))
    return found


def _quiz_eval(expression: str):
    return eval(expression, {"torch": torch, "nn": torch.nn, "F": torch.nn.functional, "math": math})


@pytest.mark.parametrize("question", numeric_questions_with_distractors())
def test_numeric_distractors_differ_from_the_answer(question):
    answer, tolerance = question["answer"], question.get("tolerance", 1e-6 * max(1.0, abs(question["answer"])))
    for distractor in question["distractors"]:
        assert distractor["mistake"].strip(), "a distractor names the mistake it stands for"
        value = distractor["value"]
        if "verify" in distractor:                 # the distractor is what that mistake really computes
            assert abs(_quiz_eval(distractor["verify"]) - value) <= max(tolerance, 1e-9), distractor
        assert abs(value - answer) > 2 * tolerance, f"{distractor['mistake']!r} gives {value}, the answer is {answer}"
    values = [d["value"] for d in question["distractors"]]
    assert all(abs(a - b) > 2 * tolerance for i, a in enumerate(values) for b in values[i + 1:]), \
        "two distractors give the same number: the question cannot tell those mistakes apart"


def test_some_numeric_questions_have_named_distractors():
    assert len(numeric_questions_with_distractors()) >= 2
