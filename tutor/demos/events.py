"""The events a demo engine yields: plain JSON-ready dicts with a "type" field.

    {"type": "progress", "step": 120, "total": 390, "epoch": 1, "epochs": 2}
    {"type": "metric",   "step": 120, "epoch": 1, "values": {"loss": 1.23, "test_accuracy": 0.61}}
    {"type": "picture",  "step": 120, "name": "samples", "caption": "…", "scale": 1,
                         "images": [{"label": "circle ✓", "width": 32, "height": 32, "rgb": BASE64}]}
    {"type": "text",     "step": 120, "text": "[1,  2000] loss: 2.103"}
    {"type": "summary",  "demo": "cnn", "device": "cpu", "wall_s": 12.3, "final_loss": 0.41, …}
    {"type": "error",    "message": "…", "kind": "data" | "usage" | "crash"}

`step` counts optimiser steps from 1. A metric's `values` are numbers (one plot series each).
A picture holds one or more tiles; each tile's `rgb` is base64 of height·width·3 bytes (rows of
RGB pixels, top row first); `scale` is how many times the viewer may enlarge it. The runner adds
the "error" event; engines raise instead (tutor.demos.errors.DemoError for expected failures).
No heavy imports here: the viewers (CLI, TUI) use this module too.
"""
from __future__ import annotations

import base64
from collections.abc import Iterable
from typing import Any

Event = dict[str, Any]
TYPES = ("progress", "metric", "picture", "text", "summary", "error")


def progress(step: int, total: int, epoch: int | None = None, epochs: int | None = None) -> Event:
    event: Event = {"type": "progress", "step": step, "total": total}
    if epoch is not None:
        event["epoch"] = epoch
        event["epochs"] = epochs
    return event


def metric(step: int, values: dict[str, float], epoch: int | None = None) -> Event:
    event: Event = {"type": "metric", "step": step, "values": {k: float(v) for k, v in values.items()}}
    if epoch is not None:
        event["epoch"] = epoch
    return event


def text(message: str, step: int | None = None) -> Event:
    event: Event = {"type": "text", "text": message}
    if step is not None:
        event["step"] = step
    return event


def tile(pixels: Any, label: str = "") -> dict:
    """One image for a picture event. pixels: (H, W, 3) uint8 array-like (numpy or torch, CPU)."""
    if hasattr(pixels, "detach"):
        pixels = pixels.detach().cpu().numpy()
    import numpy as np  # only engines build tiles; viewers just read them

    array = np.ascontiguousarray(np.asarray(pixels, dtype=np.uint8))
    if array.ndim != 3 or array.shape[2] != 3:
        raise ValueError(f"a picture tile must be (H, W, 3), got {array.shape}")
    height, width, _ = array.shape
    return {"label": label, "width": int(width), "height": int(height),
            "rgb": base64.b64encode(array.tobytes()).decode("ascii")}


def picture(name: str, caption: str, tiles: Iterable[dict], step: int | None = None, scale: int = 1) -> Event:
    event: Event = {"type": "picture", "name": name, "caption": caption, "scale": int(scale),
                    "images": list(tiles)}
    if step is not None:
        event["step"] = step
    return event


def summary(demo: str, device: str, wall_s: float, final_loss: float, **extra: Any) -> Event:
    return {"type": "summary", "demo": demo, "device": device, "wall_s": round(float(wall_s), 3),
            "final_loss": float(final_loss), **extra}


def tile_pixels(image: dict) -> list[list[tuple[int, int, int]]]:
    """Decode a tile back into rows of (r, g, b) tuples (pure Python, for viewers)."""
    width, height = int(image["width"]), int(image["height"])
    data = base64.b64decode(image["rgb"])
    if len(data) != width * height * 3:
        raise ValueError(f"tile of {width}x{height} needs {width * height * 3} bytes, got {len(data)}")
    return [[tuple(data[(y * width + x) * 3:(y * width + x) * 3 + 3]) for x in range(width)]  # type: ignore[misc]
            for y in range(height)]


def every(total: int, count: int) -> int:
    """A step interval that gives about `count` events over `total` steps (at least 1)."""
    return max(1, total // max(1, count))
