"""The solution view highlights code that differs, not the starter's docstrings.

Found by a newcomer: after passing conv2d with 13 lines of their own, ctrl+o said "Your code — 48
highlighted line(s) differ from the model": the long docstrings the starter gave them (kept in
their file) against the model solution's one-line docstring, all in red, as if they were mistakes.
"""
from __future__ import annotations

from tutor.content import shipped_catalog
from tutor.tui.widgets.editor import changed_lines, docstring_lines

CONV2D = shipped_catalog().exercise("conv2d")
MINE = '''def conv2d(x, weight, bias=None, stride=1, padding=0):
    x = torch.nn.functional.pad(x, (padding,) * 4)
    return x
'''


def starter_with(body: str) -> str:
    """The learner's file: the starter, its `raise NotImplementedError` replaced by their code."""
    return CONV2D.starter.read_text(encoding="utf-8").replace("    raise NotImplementedError\n", body)


def test_the_starters_docstrings_are_not_differences():
    mine = starter_with("    return CONV2D_OF(x, weight)\n")
    model = CONV2D.solution.read_text(encoding="utf-8")
    changed = changed_lines(mine, model)
    lines = mine.splitlines()
    assert changed, "the learner's code line differs from the model's"
    assert all('"""' not in lines[i] and ">>>" not in lines[i] for i in changed), [lines[i] for i in changed]
    assert any("CONV2D_OF" in lines[i] for i in changed)
    assert len(changed) <= 2            # before: every line of the starter's docstrings as well (40+)


def test_a_docstring_alone_never_counts_and_code_still_does():
    a = 'def f(x):\n    """Long\n\n    words.\n    """\n    return x + 1\n'
    b = 'def f(x):\n    """Short."""\n    return x + 2\n'
    assert changed_lines(a, b) == {5}
    assert changed_lines(b, a) == {2}
    assert docstring_lines(a) == {1, 2, 3, 4}


def test_a_file_that_does_not_parse_is_diffed_line_by_line():
    broken = "def f(x)\n    return x\n"
    assert changed_lines(broken, "def f(x):\n    return x\n") == {0}
