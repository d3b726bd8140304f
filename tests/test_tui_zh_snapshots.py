"""Every screen in Chinese at 80×24 and 120×40: the same screens, course and progress as
tests/test_tui_snapshots.py (dark theme), with the fake course translated. CJK characters take two
cells: these pictures show that the footer, buttons, panes, borders and the check list still line
up, and that no English is left where a Chinese reader looks.

Update after a deliberate change with `pytest tests/test_tui_zh_snapshots.py --snapshot-update`
and look at the pictures before committing them.
"""
from __future__ import annotations

import textwrap

import pytest
from conftest import ZH_BASICS, ZH_CONV2D, ZH_QUIZ, wait_for, wait_for_stable_frame
from test_tui_snapshots import SCREENS, SIZE_IDS, SIZES, make_app, some_progress

from tutor.grading.client import GradingService
from tutor.i18n import lang

ZH_CONVNETS = textwrap.dedent("""\
    +++
    id = "convnets"
    title = "卷积神经网络"
    order = 5
    exercises = ["conv2d", "max_pool2d"]
    demo = "cnn"
    summary = "卷积神经网络一课。"
    +++
    # 卷积神经网络

    卷积核在图像上滑动。

    ## 互相关

    ~~~
    ## not a heading either
    ~~~

    ## 池化

    取每个窗口的最大值。
    """)

# The names the stored grade of tests/test_tui_snapshots.py uses for conv2d's checks.
ZH_CONV2D_CHECKS = textwrap.dedent("""\

    [checks]
    "matches the reference on random inputs" = "在随机输入上与参考实现一致"
    "output shape" = "输出形状"
    """)

ZH_ACTIVATIONS = textwrap.dedent("""\
    title = "激活函数"
    hints = ["轻轻一推。", "概念。", "几乎就是答案。"]
    """)


@pytest.fixture(autouse=True)
def chinese_course(snapshot_home, use_fake_content, monkeypatch: pytest.MonkeyPatch):
    content = use_fake_content
    content.write("lessons/zh/01-basics.md", ZH_BASICS)
    content.write("lessons/zh/05-convnets.md", ZH_CONVNETS)
    content.write("lessons/zh/05-convnets.quiz.toml", ZH_QUIZ)
    content.write("exercises/conv2d/zh.toml", ZH_CONV2D + ZH_CONV2D_CHECKS)
    content.write("exercises/conv2d/starter.zh.py",
                  "# conv2d 的起始代码\n" + "def conv2d(x):\n    raise NotImplementedError\n")
    content.write("exercises/activations/zh.toml", ZH_ACTIVATIONS)
    monkeypatch.setattr(GradingService, "start", lambda self: None)
    monkeypatch.setenv("DLTUTOR_LANG", "zh")
    lang.clear_language()
    yield content
    lang.clear_language()


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen_zh(snap_compare, screen, size):
    some_progress()

    async def run_before(pilot) -> None:
        await wait_for(pilot, lambda: pilot.app.screen.is_mounted, 10, "the first screen")
        await SCREENS[screen](pilot)
        pilot.app.clear_notifications()
        await wait_for_stable_frame(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)
