"""The runner's heartbeat: until the first metric a viewer gets a status line after every
second without an event, naming what the run is doing; after it, nothing more."""
from __future__ import annotations

import io
import json
import time

from tutor.demos.runner import Heartbeat


def _lines(out: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_silence_is_filled_with_status_lines_naming_the_phase_until_the_first_metric():
    out = io.StringIO()
    beat = Heartbeat(out, interval=0.05).start()
    try:
        time.sleep(0.3)
        beat.saw({"type": "text", "text": "loading the shapes images into memory…"})
        time.sleep(0.3)
        beat.saw({"type": "metric", "step": 1, "values": {"loss": 1.0}})
        count = len(_lines(out))
        time.sleep(0.3)
    finally:
        beat.stop()
    lines = _lines(out)
    assert len(lines) == count  # nothing after the first metric
    texts = [line["text"] for line in lines]
    assert all(line["type"] == "text" for line in lines)
    assert any(t.endswith("importing PyTorch…") for t in texts)
    assert any(t.endswith("loading the shapes images into memory…") for t in texts)
    assert texts[0].split(" s: ")[0].isdigit()


def test_no_status_line_while_events_keep_coming():
    out = io.StringIO()
    beat = Heartbeat(out, interval=0.2).start()
    try:
        for _ in range(10):
            beat.saw({"type": "progress", "step": 1, "total": 2})
            time.sleep(0.05)
    finally:
        beat.stop()
    assert out.getvalue() == ""
