"""A lesson's code and formula blocks fit an 80-column terminal.

Found by a newcomer at 80×24: in lesson 1, "§ 3 Parameters", the line
`y = x · Wᵀ + b   x: (N, in)   W: (out, in)   b: (out,)   y: (N, out)` ended at "y: (N, o" and
`# torch.Size([3])  — one bias per output` at "per outpu": Textual's code blocks scroll sideways
with no scrollbar and cannot take the focus, so the rest of the line could not be reached from the
keyboard. About 250 lines of the course's code blocks are wider than the pane at 80 columns.
"""
from __future__ import annotations

import pytest
from conftest import screen_text, wait_for

pytestmark = pytest.mark.asyncio


async def open_section(pilot, lesson_id: str, heading: str):
    from textual.widgets._markdown import MarkdownFence

    from tutor.tui.screens.lesson import LessonScreen

    app = pilot.app
    lesson = app.catalog.lesson(lesson_id)
    number = next(i for i, section in enumerate(lesson.sections) if heading in section.title)
    app.open_lesson(lesson_id, section=number)
    await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen.query(MarkdownFence), 20,
                   "the section's code blocks")
    await pilot.pause()
    return list(app.screen.query(MarkdownFence))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_no_code_block_is_wider_than_its_box(size, en):
    from tutor.tui.app import DLTutorApp

    app = DLTutorApp()
    async with app.run_test(size=size) as pilot:
        fences = await open_section(pilot, "intro", "Parameters")
        assert fences
        for fence in fences:
            await wait_for(pilot, lambda fence=fence: fence.size.width > 0, 10, "the block laid out")
            assert fence.virtual_size.width <= fence.size.width, (
                f"{fence.code.splitlines()[0]!r}…: {fence.virtual_size.width} columns of code in a "
                f"{fence.size.width}-column box")


async def test_the_end_of_a_long_line_is_on_the_screen_at_80x24(en):
    from tutor.tui.app import DLTutorApp

    app = DLTutorApp()
    async with app.run_test(size=(80, 24)) as pilot:
        fences = await open_section(pilot, "intro", "Parameters")
        formula = next(fence for fence in fences if "y: (N, out)" in fence.code)
        app.screen.query_one("#reader").scroll_to_widget(formula, animate=False)
        await pilot.pause()
        text = screen_text(app)
        assert "y: (N, out)" in text or ("y: (N," in text and "out)" in text), text
