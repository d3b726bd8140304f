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

from tutor.content import load_catalog
from tutor.grading.engine import load_module

CATALOG = load_catalog()
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


def close(got: object, expected: object) -> bool:
    """Equal to the printed precision (4 decimals)."""
    if isinstance(got, Exception) or isinstance(expected, Exception):
        return False
    if isinstance(expected, (tuple, list)):
        return (isinstance(got, (tuple, list)) and len(got) == len(expected)
                and all(close(g, e) for g, e in zip(got, expected)))
    if isinstance(expected, torch.Size):
        return tuple(got) == tuple(expected) if isinstance(got, (torch.Size, tuple)) else False
    if isinstance(expected, (torch.Tensor, float, int)) and not isinstance(expected, bool):
        try:
            g = torch.as_tensor(got, dtype=torch.float64)
        except (TypeError, ValueError, RuntimeError):
            return False
        e = torch.as_tensor(expected, dtype=torch.float64)
        return g.shape == e.shape and bool(torch.allclose(g, e, rtol=1e-4, atol=1.5e-4, equal_nan=True))
    return got == expected


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
    from tutor.grading import engine

    monkeypatch.setattr(engine.Run, "draw", lambda self, check: [])
    exercise = CATALOG.exercises[exercise_id]
    for mistake_id, mistake in exercise.mistakes.items():
        result = engine.grade(exercise, mistake.path, seed=1234, device="cpu")
        found = {t.mistake for t in result.tests if t.mistake}
        assert result.status == "fail" and found == {mistake_id}, (exercise_id, mistake_id, found)


# -- quiz: a numeric distractor that names a mistake really differs -------------------------------
QUIZZES = sorted(p for p in (CATALOG.root / "lessons").glob("[0-9][0-9]-*.quiz.toml")) \
    if hasattr(CATALOG, "root") else []
