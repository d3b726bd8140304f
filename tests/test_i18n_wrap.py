"""Wrapping by cell width: CJK is double width, Chinese breaks between characters, clusters never split."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tutor.i18n.wrap import clusters, fill, wrap

HINT_ZH = ("先用 F.pad 填充输入，再在输出的每个位置上取出与卷积核同样大小的窗口，逐元素相乘后求和；"
           "注意互相关不翻转卷积核。")


def test_chinese_lines_fit_the_width_in_cells_not_characters():
    lines = wrap(HINT_ZH, 30, subsequent_indent="  ")
    assert len(lines) > 2
    assert all(cell_len(line) <= 30 for line in lines)
    # Full lines are full: a character-counting wrapper would stop at 15 CJK characters per 30 cells.
    assert cell_len(lines[0]) >= 28
    assert "".join(line.strip() for line in lines).replace(" ", "") == HINT_ZH.replace(" ", "")


def test_latin_words_and_inline_code_are_never_broken():
    lines = wrap("调用 torch.nn.functional.conv2d 时，stride 和 padding 都要传进去。", 16)
    assert any("torch.nn.functional.conv2d" in line for line in lines)
    for line in lines:
        assert "stride"[:3] not in line or "stride" in line


def test_closing_punctuation_never_starts_a_line_and_opening_never_ends_one():
    text = "一二三四五六七八九，十（卷积）之后。"
    for width in range(4, 24):
        for line in wrap(text, width):
            assert line[0] not in "，。）", (width, line)
            assert line[-1] != "（", (width, line)


def test_english_wraps_at_spaces_as_before():
    text = "Hint 1/3 (new): slide the kernel over the padded input and sum the products."
    lines = wrap(text, 30, subsequent_indent="  ")
    assert lines[0] == "Hint 1/3 (new): slide the"
    assert all(cell_len(line) <= 30 for line in lines)
    assert " ".join(line.strip() for line in lines) == text


def test_clusters_keep_marks_and_emoji_sequences_whole():
    assert clusters("e\u0301a") == ["e\u0301", "a"]
    assert clusters("👩\u200d💻好") == ["👩\u200d💻", "好"]
    assert clusters("❤\ufe0f!") == ["❤\ufe0f", "!"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["卷积", "核", "，", "。", "（填充）", "x.shape", " ", "e\u0301", "👩\u200d💻", "step"]),
                max_size=40),
       st.integers(min_value=6, max_value=40))
def test_wrapping_never_splits_a_cluster_and_loses_nothing(parts, width):
    text = "".join(parts)
    lines = wrap(text, width)
    joined = "".join(lines)
    assert joined.replace(" ", "") == text.replace(" ", "").strip()
    whole = set(clusters(text))
    for line in lines:
        assert set(clusters(line)) <= whole | {" "}
        # Only a single unbreakable unit may exceed the width.
        assert cell_len(line) <= width or " " not in line.strip()
    assert fill(text, width) == "\n".join(lines)


def test_rich_and_textual_break_chinese_between_characters_and_english_as_before():
    from rich.console import Console
    from rich.text import Text
    from textual.content import Content

    from tutor.i18n.wrap import install_cjk_line_breaks

    english = "Each output value is the sum over input channels and kernel offsets, plus the bias."
    before_rich = [line.plain for line in Text(english).wrap(Console(width=30), 30)]
    before_textual = [line.plain for line in Content(english).wrap(30)]
    install_cjk_line_breaks(in_textual=True)
    text = "· " + HINT_ZH
    for lines in ([line.plain for line in Text(text).wrap(Console(width=30), 30)],
                  [line.plain for line in Content(text).wrap(30)]):
        assert lines[0].startswith("· 先用 F.pad 填充输入")           # the bullet keeps its sentence
        assert all(cell_len(line) <= 30 for line in lines)
        assert all(line.lstrip()[:1] not in "，。；）" for line in lines)
    assert [line.plain for line in Text(english).wrap(Console(width=30), 30)] == before_rich
    assert [line.plain for line in Content(english).wrap(30)] == before_textual
