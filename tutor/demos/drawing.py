"""Small RGB pictures for the demos, as (H, W, 3) uint8 numpy arrays: heat maps, filters, scatters, paths."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

# Anchor colours of a viridis-like map: dark purple (low) to yellow (high).
_HEAT = np.array([[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]], dtype=np.float64)

BACKGROUND = (18, 18, 24)
WHITE = (235, 235, 235)
GREY = (120, 120, 140)
ORANGE = (255, 140, 0)
RED = (230, 60, 60)
CYAN = (60, 200, 230)


def heat(values: np.ndarray, vmin: float | None = None, vmax: float | None = None) -> np.ndarray:
    """A 2-D array as a heat map; low values dark purple, high values yellow."""
    values = np.asarray(values, dtype=np.float64)
    low = float(values.min()) if vmin is None else vmin
    high = float(values.max()) if vmax is None else vmax
    t = np.clip((values - low) / (high - low), 0.0, 1.0) if high > low else np.zeros_like(values)
    position = t * (len(_HEAT) - 1)
    index = np.minimum(position.astype(int), len(_HEAT) - 2)
    frac = (position - index)[..., None]
    rgb = _HEAT[index] * (1 - frac) + _HEAT[index + 1] * frac
    return np.rint(rgb).astype(np.uint8)


def upscale(image: np.ndarray, factor: int) -> np.ndarray:
    """Nearest-neighbour enlargement, so tiny maps (5×5 filters, 8×8 attention) are visible."""
    return np.repeat(np.repeat(image, factor, axis=0), factor, axis=1)


def signed_rgb(weights: np.ndarray) -> np.ndarray:
    """A (3, h, w) filter as an RGB image: mid-grey is 0, brighter positive, darker negative."""
    weights = np.asarray(weights, dtype=np.float64)
    scale = float(np.abs(weights).max()) or 1.0
    return np.rint(127.5 + 127.5 * weights / scale).clip(0, 255).astype(np.uint8).transpose(1, 2, 0)


def canvas(height: int, width: int, colour: Sequence[int] = BACKGROUND) -> np.ndarray:
    image = np.empty((height, width, 3), dtype=np.uint8)
    image[:] = colour
    return image


def to_pixels(points: np.ndarray, extent: tuple[float, float, float, float], height: int, width: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Data coordinates -> (rows, cols, inside) for a canvas showing extent = (xmin, xmax, ymin, ymax); y grows upward."""
    xmin, xmax, ymin, ymax = extent
    points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    cols = np.floor((points[:, 0] - xmin) / (xmax - xmin) * width).astype(int)
    rows = np.floor((ymax - points[:, 1]) / (ymax - ymin) * height).astype(int)
    inside = (cols >= 0) & (cols < width) & (rows >= 0) & (rows < height)
    return rows, cols, inside


def scatter(image: np.ndarray, points: np.ndarray, colour: Sequence[int],
            extent: tuple[float, float, float, float]) -> np.ndarray:
    """Draw points (N, 2) onto image in place; points outside the extent are dropped."""
    rows, cols, inside = to_pixels(points, extent, image.shape[0], image.shape[1])
    image[rows[inside], cols[inside]] = colour
    return image


def path(image: np.ndarray, points: np.ndarray, colour: Sequence[int],
         extent: tuple[float, float, float, float]) -> np.ndarray:
    """Draw a polyline through points (N, 2) in place, sampling each segment densely."""
    points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    if len(points) == 0:
        return image
    dense = [points[:1]]
    for a, b in zip(points[:-1], points[1:]):
        rows, cols, _ = to_pixels(np.stack([a, b]), extent, image.shape[0], image.shape[1])
        n = int(max(abs(rows[1] - rows[0]), abs(cols[1] - cols[0]), 1)) + 1
        n = min(n, 4 * max(image.shape))  # a diverging path should not allocate without bound
        t = np.linspace(0.0, 1.0, n)[:, None]
        dense.append(a + t * (b - a))
    return scatter(image, np.concatenate(dense), colour, extent)
