"""Picture events and the half-block renderer."""
from __future__ import annotations

import base64

import pytest
from rich.color import Color

from tutor.demos import events
from tutor.pictures import render_picture, tile_lines


def pixels(height: int, width: int):
    return [[[(7 * y + x) % 256, (11 * x) % 256, (5 * y) % 256] for x in range(width)] for y in range(height)]


def test_tile_round_trips_through_base64():
    image = events.tile(pixels(3, 4), "x")
    assert (image["width"], image["height"]) == (4, 3)
    assert len(base64.b64decode(image["rgb"])) == 4 * 3 * 3
    rows = events.tile_pixels(image)
    assert rows[2][3] == tuple(pixels(3, 4)[2][3])


def test_tile_rejects_the_wrong_shape():
    with pytest.raises(ValueError, match=r"\(H, W, 3\)"):
        events.tile([[1, 2], [3, 4]])


def test_half_blocks_put_the_upper_pixel_in_front_and_the_lower_behind():
    grid = pixels(3, 2)
    lines = tile_lines(events.tile(grid))
    assert len(lines) == 2  # ceil(3 / 2)
    assert lines[0].plain == "▀▀" and lines[1].plain == "▀▀"
    first = lines[0].spans[0].style
    assert first.color == Color.from_rgb(*grid[0][0]) and first.bgcolor == Color.from_rgb(*grid[1][0])
    second = lines[0].spans[1].style
    assert second.color == Color.from_rgb(*grid[0][1]) and second.bgcolor == Color.from_rgb(*grid[1][1])
    last = lines[1].spans[0].style  # odd height: the last row has nothing below it
    assert last.color == Color.from_rgb(*grid[2][0]) and last.bgcolor is None


def test_scale_enlarges_each_pixel():
    lines = tile_lines(events.tile(pixels(2, 3)), scale=2)
    assert len(lines) == 2 and all(line.plain == "▀" * 6 for line in lines)


def test_render_picture_caption_tiles_side_by_side_and_labels():
    event = events.picture("p", "a caption", [events.tile(pixels(4, 6), "left"), events.tile(pixels(4, 6), "right")])
    text = render_picture(event, max_width=80).plain.split("\n")
    assert text[0] == "a caption"
    assert text[1] == "▀" * 6 + " " + "▀" * 6
    assert text[3].split() == ["left", "right"]


def test_render_picture_wraps_tiles_at_max_width():
    event = events.picture("p", "", [events.tile(pixels(2, 10), str(i)) for i in range(3)])
    lines = render_picture(event, max_width=25).plain.split("\n")
    assert lines[0] == "▀" * 10 + " " + "▀" * 10
    assert lines[2] == "▀" * 10


def test_labels_wrap_to_two_lines_and_honour_newlines():
    event = events.picture("p", "", [events.tile(pixels(2, 8), "in  1 2\nout 2 1")])
    lines = render_picture(event, caption=False).plain.split("\n")
    assert lines[1].rstrip() == "in  1 2" and lines[2].rstrip() == "out 2 1"
    long = events.picture("p", "", [events.tile(pixels(2, 5), "one two three four five")])
    lines = render_picture(long, caption=False).plain.split("\n")
    assert len(lines) == 3 and lines[2].rstrip() == "two…"
