"""The built-in image set: ten classes of procedurally drawn 32×32 RGB shapes, no download.

Every image is one shape in a random colour, at a random place and size, on a random
background colour, with pixel noise. The same seed always gives the same images, so a demo
run offline is reproducible. It plays CIFAR-10's part in the demos: same size, same layout
(uint8, HWC), same number of classes.

Drawing CIFAR-10's 60,000 images takes seconds (ten or more on a busy laptop), so
`generate_cached` keeps each drawn set under $DLTUTOR_HOME/cache as uint8 arrays, keyed by
GENERATOR_VERSION, the number of images and the seed. A file that cannot be read, fails its
checksum or was written by another generator version is drawn again and replaced.
"""
from __future__ import annotations

import json
import os
import tempfile
import zlib
from pathlib import Path

import numpy as np

from tutor.data.images import ImageSet

CLASSES: tuple[str, ...] = (
    "circle", "square", "triangle", "cross", "ring",
    "diamond", "horizontal stripes", "vertical stripes", "diagonal stripes", "checkerboard",
)
SIZE = 32
DEFAULT_TRAIN_SIZE = 50_000  # CIFAR-10's split
DEFAULT_TEST_SIZE = 10_000
_CHUNK = 2048  # images drawn at a time
NOISE_STD = 24.0  # in 0..255 units: enough that a pixel alone says little
GENERATOR_VERSION = 2  # bump whenever generate()'s output changes: older cache files are then redrawn


def _masks(label: int, dx: np.ndarray, dy: np.ndarray, size: np.ndarray, period: np.ndarray,
           phase: np.ndarray) -> np.ndarray:
    """Boolean (n, 32, 32) masks of one class. dx, dy: pixel offsets from each shape's centre."""
    s = size[:, None, None]
    r = np.sqrt(dx * dx + dy * dy)
    box = np.maximum(np.abs(dx), np.abs(dy))
    if label == 0:  # circle
        return r <= s
    if label == 1:  # square
        return box <= 0.85 * s
    if label == 2:  # triangle, apex up: half-width grows linearly from the apex to the base
        top, bottom = -s, 0.8 * s
        return (dy >= top) & (dy <= bottom) & (np.abs(dx) <= s * (dy - top) / (bottom - top))
    if label == 3:  # cross (plus sign)
        arm = 0.3 * s
        return ((np.abs(dx) <= arm) & (np.abs(dy) <= s)) | ((np.abs(dy) <= arm) & (np.abs(dx) <= s))
    if label == 4:  # ring
        return (r <= s) & (r >= 0.55 * s)
    if label == 5:  # diamond
        return np.abs(dx) + np.abs(dy) <= 1.1 * s
    # Textures fill a square patch; the period and phase vary per image.
    p = period[:, None, None]
    f = phase[:, None, None]
    patch = box <= s
    if label == 6:
        stripes = np.floor((dy + f) / p) % 2 == 0
    elif label == 7:
        stripes = np.floor((dx + f) / p) % 2 == 0
    elif label == 8:
        stripes = np.floor(((dx + dy) / np.sqrt(2) + f) / p) % 2 == 0
    elif label == 9:
        stripes = (np.floor((dx + f) / p) + np.floor((dy + f) / p)) % 2 == 0
    else:
        raise ValueError(f"no class {label}")
    return patch & stripes


def _contrasting_colours(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Foreground and background colours at least a visible distance apart."""
    fg = rng.integers(0, 256, size=(n, 3)).astype(np.float32)
    bg = rng.integers(0, 256, size=(n, 3)).astype(np.float32)
    close = np.linalg.norm(fg - bg, axis=1) < 120
    # Push a too-similar background to the far side of the colour cube.
    bg[close] = 255.0 - fg[close]
    return fg, bg


def generate(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """n images (n, 32, 32, 3) uint8 and their labels (n,) int64, balanced across the classes."""
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    rng = np.random.default_rng(seed)
    labels = rng.permutation(np.arange(n) % len(CLASSES)).astype(np.int64)
    centre = rng.uniform(10.0, 22.0, size=(n, 2)).astype(np.float32)
    size = rng.uniform(6.0, 10.5, size=n).astype(np.float32)
    period = rng.uniform(2.5, 4.5, size=n).astype(np.float32)
    phase = rng.uniform(0.0, 9.0, size=n).astype(np.float32)
    fg, bg = _contrasting_colours(rng, n)
    noise_seed = int(rng.integers(2**63))

    images = np.empty((n, SIZE, SIZE, 3), dtype=np.uint8)
    grid = np.arange(SIZE, dtype=np.float32) + 0.5

    def draw(start: int, stop: int) -> None:
        mask = np.zeros((stop - start, SIZE, SIZE), dtype=bool)
        block_labels = labels[start:stop]
        for label in range(len(CLASSES)):
            rows = np.flatnonzero(block_labels == label)
            if rows.size == 0:
                continue
            idx = rows + start
            dx = grid[None, None, :] - centre[idx, 0, None, None]
            dy = grid[None, :, None] - centre[idx, 1, None, None]
            mask[rows] = _masks(label, dx, dy, size[idx], period[idx], phase[idx])
        background = bg[start:stop, None, None, :]
        # Each chunk has its own noise stream (keyed by where it starts), so chunks can be drawn in
        # any order, on any thread, and still give the same images.
        noise = np.random.default_rng([noise_seed, start])
        pixels = noise.standard_normal((stop - start, SIZE, SIZE, 3), dtype=np.float32)
        pixels *= NOISE_STD
        pixels += background
        pixels += mask[..., None] * (fg[start:stop, None, None, :] - background)
        np.clip(pixels, 0, 255, out=pixels)
        images[start:stop] = np.rint(pixels, out=pixels)

    # Chunks bound the float work arrays to a few MB each; numpy releases the GIL in the bulk work,
    # so two threads draw a large set in about half the time on a two-core laptop.
    chunks = [(start, min(n, start + _CHUNK)) for start in range(0, n, _CHUNK)]
    workers = min(len(chunks), len(os.sched_getaffinity(0)), 4)
    if workers <= 1:
        for start, stop in chunks:
            draw(start, stop)
    else:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(lambda bounds: draw(*bounds), chunks))
    return images, labels


# ---------------------------------------------------------------- the cache


def cache_dir() -> Path:
    from tutor import paths

    return paths.home() / "cache"


def cache_path(n: int, seed: int, folder: Path) -> Path:
    return folder / f"shapes-v{GENERATOR_VERSION}-n{n}-seed{seed}.npz"


def _checksum(array: np.ndarray) -> int:
    return zlib.crc32(np.ascontiguousarray(array).data)


def _read_cache(path: Path, n: int, seed: int) -> tuple[np.ndarray, np.ndarray] | None:
    """The cached (images, labels), or None when the file is missing, unreadable, stale or corrupt."""
    try:
        with np.load(path, allow_pickle=False) as archive:
            meta = json.loads(archive["meta"].tobytes().decode("utf-8"))
            images, labels = archive["images"], archive["labels"]
    except Exception:  # missing, truncated, not an archive, no such member, bad JSON: all mean "draw again"
        return None
    expected = {"version": GENERATOR_VERSION, "n": n, "seed": seed}
    if any(meta.get(key) != value for key, value in expected.items()):
        return None
    if (images.dtype != np.uint8 or images.shape != (n, SIZE, SIZE, 3)
            or labels.dtype != np.int64 or labels.shape != (n,)):
        return None
    if meta.get("images_crc32") != _checksum(images) or meta.get("labels_crc32") != _checksum(labels):
        return None
    return images, labels


def _write_cache(path: Path, n: int, seed: int, images: np.ndarray, labels: np.ndarray) -> None:
    """Write atomically (a temporary file renamed into place), and drop other versions' files
    of the same set. Best effort: a read-only or full disk only costs the next run a redraw."""
    meta = {"version": GENERATOR_VERSION, "n": n, "seed": seed,
            "images_crc32": _checksum(images), "labels_crc32": _checksum(labels)}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=path.stem, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as file:
                np.savez(file, images=images, labels=labels,
                         meta=np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8))
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
        for old in path.parent.glob(f"shapes-v*-n{n}-seed{seed}.npz"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass


def generate_cached(n: int, seed: int = 0, folder: Path | None = None) -> tuple[np.ndarray, np.ndarray]:
    """generate(n, seed), read from the cache when a valid copy is there, else drawn and cached."""
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    path = cache_path(n, seed, folder if folder is not None else cache_dir())
    cached = _read_cache(path, n, seed)
    if cached is not None:
        return cached
    images, labels = generate(n, seed)
    _write_cache(path, n, seed, images, labels)
    return images, labels


def split_seeds(seed: int) -> tuple[int, int]:
    """The train and test seeds of one set: independent streams of the same seed."""
    train_seed, test_seed = np.random.SeedSequence(seed).spawn(2)
    return int(train_seed.generate_state(1)[0]), int(test_seed.generate_state(1)[0])


def load_shapes(train_size: int = DEFAULT_TRAIN_SIZE, test_size: int = DEFAULT_TEST_SIZE,
                seed: int = 0, cache: bool = True) -> ImageSet:
    """The shapes set: train and test drawn from independent streams of the same seed
    (read from $DLTUTOR_HOME/cache when `cache`, drawn and cached the first time)."""
    draw = generate_cached if cache else generate
    train_seed, test_seed = split_seeds(seed)
    train_images, train_labels = draw(train_size, train_seed)
    test_images, test_labels = draw(test_size, test_seed)
    return ImageSet("shapes", CLASSES, train_images, train_labels, test_images, test_labels)
