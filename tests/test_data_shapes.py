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
