"""The exercise's instructions pane shows the starter's module docstring as written.

Found by a newcomer at 80×24: activations' instructions read "(torch., F., nn.* and the Tensor
methods)" — Markdown took the stars of "torch.*, F.*" for italics — and micrograd's examples
(">>> a = Value(3.0)" under "Example:") were run into one line of prose.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ScriptedGrading, screen_text, wait_for
from markdown_it import MarkdownIt

from tutor.content import shipped_catalog
from tutor.tui.widgets.exercise_instructions import instructions_markdown

CATALOG = shipped_catalog()


def inline_tokens(markdown: str):
    """The inline runs of the Markdown, parsed as Textual's Markdown widget parses it."""
    return [token for token in MarkdownIt("gfm-like").parse(markdown) if token.type == "inline"]


def shown_text(token) -> str:
    """What an inline run shows: its text pieces, line breaks as spaces."""
    return "".join(child.content if child.type in ("text", "code_inline") else " " for child in token.children
                   if child.type in ("text", "code_inline", "softbreak"))


def test_stars_in_the_module_docstring_are_not_italics():
    markdown = instructions_markdown(CATALOG.exercise("activations"))
    prose = [t for t in inline_tokens(markdown) if "off-limits" in t.content and "sigmoid/relu/tanh" in t.content]
    assert prose, "the paragraph that names what is off-limits"
    assert not any(child.type in ("em_open", "strong_open") for child in prose[0].children)
    assert "(torch.*, F.*, nn.* and the Tensor methods)" in shown_text(prose[0])


@pytest.mark.parametrize("exercise_id", ["softmax", "cross_entropy"])
def test_no_module_docstring_turns_into_emphasis(exercise_id):
    markdown = instructions_markdown(CATALOG.exercise(exercise_id))
    for token in inline_tokens(markdown):
        if "Off-limits here" in token.content:      # the list of forbidden names is ours, in bold on purpose
            continue
        assert not any(child.type in ("em_open", "strong_open") for child in token.children), token.content


def test_doctest_examples_in_the_module_docstring_stay_on_their_own_lines():
    markdown = instructions_markdown(CATALOG.exercise("micrograd"))
    fences = [token.content for token in MarkdownIt("gfm-like").parse(markdown) if token.type == "fence"]
    assert any(">>> a = Value(3.0)\n>>> b = a * a + a\n>>> b.data\n12.0" in fence for fence in fences), fences
    for token in inline_tokens(markdown):
        assert ">>>" not in token.content, f"an example was run into prose: {token.content!r}"
    # The sentence that introduces the example is still prose.
    assert any(shown_text(t).startswith("Example: a is used twice") for t in inline_tokens(markdown))


@pytest.mark.asyncio
async def test_the_instructions_pane_shows_the_stars(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path / "home"))
    from tutor.tui.app import DLTutorApp
    from tutor.tui.screens.exercise import ExerciseScreen

    app = DLTutorApp(start="activations")
    app.grading = ScriptedGrading()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen), 20, "the exercise screen")
        await wait_for(pilot, lambda: "off-limits" in screen_text(app), 20, "the instructions")
        text = screen_text(app)
        assert "(torch., F., nn.*" not in text, text
        assert "(torch.*, F.*," in text, text
