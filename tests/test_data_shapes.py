"""The built-in shapes set: deterministic, balanced, CIFAR-10's layout."""
from __future__ import annotations

import numpy as np
import pytest

from tutor.data import shapes
from tutor.data.images import ArrayImages, ImageSet


def test_generate_has_cifar_layout_and_balanced_classes():
    images, labels = shapes.generate(200, seed=3)
    assert images.shape == (200, 32, 32, 3) and images.dtype == np.uint8
    assert labels.shape == (200,) and labels.dtype == np.int64
    assert np.bincount(labels, minlength=10).tolist() == [20] * 10
    assert len(shapes.CLASSES) == 10 and len(set(shapes.CLASSES)) == 10


def test_same_seed_same_images_and_different_seed_different_images():
    a, la = shapes.generate(50, seed=7)
    b, lb = shapes.generate(50, seed=7)
    c, lc = shapes.generate(50, seed=8)
    assert np.array_equal(a, b) and np.array_equal(la, lb)
    assert not np.array_equal(a, c)


def test_load_shapes_train_and_test_differ():
    data = shapes.load_shapes(40, 30, seed=0)
    assert isinstance(data, ImageSet)
    assert data.classes == shapes.CLASSES
    assert len(data.train_images) == 40 and len(data.test_images) == 30
    assert not np.array_equal(data.train_images[:30], data.test_images)


def test_each_class_draws_a_shape_unlike_the_others():
    # Foreground masks per class at a fixed centre and size: every pair of classes must differ
    # in many pixels, or the set would have duplicate classes.
    grid = np.arange(32, dtype=np.float32) + 0.5
    dx = grid[None, None, :] - 16.0
    dy = grid[None, :, None] - 16.0
    one = np.ones(1, dtype=np.float32)
    masks = [shapes._masks(c, dx, dy, 9 * one, 3.5 * one, 0 * one)[0] for c in range(10)]
    for i in range(10):
        assert masks[i].sum() > 30, shapes.CLASSES[i]
        for j in range(i):
            assert (masks[i] != masks[j]).sum() > 20, (shapes.CLASSES[i], shapes.CLASSES[j])


def test_subset_and_validation():
    data = shapes.load_shapes(20, 10, seed=1).subset(5, 3)
    assert len(data.train_images) == 5 and len(data.test_labels) == 3
    with pytest.raises(ValueError, match="uint8"):
        ImageSet("x", ("a",), np.zeros((1, 32, 32, 3)), np.zeros(1), np.zeros((1, 32, 32, 3), np.uint8), np.zeros(1))
    with pytest.raises(ValueError):
        shapes.generate(-1)


def test_array_images_apply_the_per_sample_transform_like_cifar10():
    import torch
    import torchvision.transforms as T

    images, labels = shapes.generate(4, seed=0)
    transform = T.Compose([T.ToTensor(), T.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))])
    dataset = ArrayImages(images, labels, transform)
    x, y = dataset[2]
    assert x.shape == (3, 32, 32) and y == int(labels[2])
    expected = torch.from_numpy(images[2]).permute(2, 0, 1).float() / 127.5 - 1
    torch.testing.assert_close(x, expected, atol=1e-6, rtol=0)


# ---------------------------------------------------------------- the cache


def test_generate_cached_draws_once_then_reads_the_same_arrays(tmp_path, monkeypatch):
    calls = []
    real_generate = shapes.generate
    monkeypatch.setattr(shapes, "generate", lambda n, seed=0: calls.append((n, seed)) or real_generate(n, seed))
    first = shapes.generate_cached(30, seed=5, folder=tmp_path)
    second = shapes.generate_cached(30, seed=5, folder=tmp_path)
    assert calls == [(30, 5)]
    expected = real_generate(30, 5)
    for got in (first, second):
        assert np.array_equal(got[0], expected[0]) and np.array_equal(got[1], expected[1])
        assert got[0].dtype == np.uint8 and got[1].dtype == np.int64
    assert shapes.cache_path(30, 5, tmp_path).exists()
    assert [p.name for p in tmp_path.iterdir()] == [shapes.cache_path(30, 5, tmp_path).name]  # no temp left


def test_the_key_holds_version_size_and_seed(tmp_path):
    assert shapes.cache_path(30, 5, tmp_path) != shapes.cache_path(31, 5, tmp_path)
    assert shapes.cache_path(30, 5, tmp_path) != shapes.cache_path(30, 6, tmp_path)
    assert f"v{shapes.GENERATOR_VERSION}" in shapes.cache_path(30, 5, tmp_path).name


def _count_draws(monkeypatch) -> list:
    calls: list = []
    real_generate = shapes.generate
    monkeypatch.setattr(shapes, "generate", lambda n, seed=0: calls.append(n) or real_generate(n, seed))
    return calls


@pytest.mark.parametrize("damage", ["truncate", "flip_a_pixel", "garbage", "empty"])
def test_a_corrupt_cache_is_drawn_again_and_replaced(tmp_path, monkeypatch, damage):
    shapes.generate_cached(20, seed=1, folder=tmp_path)
    path = shapes.cache_path(20, 1, tmp_path)
    data = bytearray(path.read_bytes())
    if damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "flip_a_pixel":
        # the images array is stored raw in the archive: change one byte in the middle of it
        expected = shapes.generate(20, 1)[0].tobytes()
        offset = bytes(data).find(expected[:64])
        assert offset > 0
        data[offset + 1000] ^= 0xFF
    elif damage == "garbage":
        data = bytearray(b"not an archive" * 10)
    else:
        data = bytearray()
    path.write_bytes(bytes(data))
    calls = _count_draws(monkeypatch)
    images, labels = shapes.generate_cached(20, seed=1, folder=tmp_path)
    assert calls == [20]
    assert np.array_equal(images, shapes.generate(20, 1)[0])
    shapes.generate_cached(20, seed=1, folder=tmp_path)
    assert calls == [20, 20]  # the second call above was the test's own reference draw, not the cache's


def test_a_stale_cache_from_another_generator_version_is_drawn_again(tmp_path, monkeypatch):
    monkeypatch.setattr(shapes, "GENERATOR_VERSION", shapes.GENERATOR_VERSION + 1)
    # Written by the "other" version: wrong pixels (all zero) under the current file name.
    stale = shapes.cache_path(20, 1, tmp_path)
    shapes._write_cache(stale, 20, 1, np.zeros((20, 32, 32, 3), np.uint8), np.zeros(20, np.int64))
    monkeypatch.undo()
    current = shapes.cache_path(20, 1, tmp_path)
    stale.rename(current)  # same name, older version inside: it must not be trusted
    calls = _count_draws(monkeypatch)
    images, _ = shapes.generate_cached(20, seed=1, folder=tmp_path)
    assert calls == [20] and images.any()


def test_a_new_version_removes_the_old_versions_file(tmp_path, monkeypatch):
    shapes.generate_cached(10, seed=2, folder=tmp_path)
    old = shapes.cache_path(10, 2, tmp_path)
    monkeypatch.setattr(shapes, "GENERATOR_VERSION", shapes.GENERATOR_VERSION + 1)
    calls = _count_draws(monkeypatch)
    shapes.generate_cached(10, seed=2, folder=tmp_path)
    assert calls == [10]
    assert not old.exists() and shapes.cache_path(10, 2, tmp_path).exists()


def test_an_unwritable_cache_folder_still_gives_the_images(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    images, labels = shapes.generate_cached(10, seed=3, folder=blocker / "cache")
    assert np.array_equal(images, shapes.generate(10, 3)[0])


def test_load_shapes_uses_the_cache_under_dltutor_home(dltutor_home):
    data = shapes.load_shapes(12, 8, seed=0)
    assert sorted(p.name for p in (dltutor_home / "cache").iterdir()) == sorted(
        shapes.cache_path(n, s, dltutor_home / "cache").name for n, s in zip((12, 8), shapes.split_seeds(0)))
    uncached = shapes.load_shapes(12, 8, seed=0, cache=False)
    assert np.array_equal(data.train_images, uncached.train_images)
    assert np.array_equal(data.test_labels, uncached.test_labels)
