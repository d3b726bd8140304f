"""An image classification set held in memory as uint8 arrays, CIFAR-10's own layout."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ImageSet:
    """Train and test images as (N, 32, 32, 3) uint8 arrays (HWC, like CIFAR10.data) and int64 labels."""

    name: str
    classes: tuple[str, ...]
    train_images: np.ndarray
    train_labels: np.ndarray
    test_images: np.ndarray
    test_labels: np.ndarray

    def __post_init__(self) -> None:
        for images, labels in ((self.train_images, self.train_labels), (self.test_images, self.test_labels)):
            if images.dtype != np.uint8 or images.ndim != 4 or images.shape[-1] != 3:
                raise ValueError(f"images must be (N, H, W, 3) uint8, got {images.shape} {images.dtype}")
            if len(images) != len(labels):
                raise ValueError(f"{len(images)} images but {len(labels)} labels")

    def subset(self, train_size: int | None, test_size: int | None) -> ImageSet:
        """The first train_size / test_size examples (None keeps them all)."""
        return ImageSet(
            self.name, self.classes,
            self.train_images[:train_size], self.train_labels[:train_size],
            self.test_images[:test_size], self.test_labels[:test_size],
        )


class ArrayImages:
    """A map-style dataset over uint8 HWC arrays that behaves like torchvision's CIFAR10:
    each item is a PIL image passed through `transform`, so the article's per-sample
    transforms (ToTensor + Normalize) run exactly as they would on CIFAR-10."""

    def __init__(self, images: np.ndarray, labels: np.ndarray, transform=None) -> None:
        self.data = images
        self.targets = [int(label) for label in labels]
        self.transform = transform

    def __len__(self) -> int:
        return len(self.data)

    def __getitem__(self, index: int):
        from PIL import Image

        image = Image.fromarray(self.data[index])
        if self.transform is not None:
            image = self.transform(image)
        return image, self.targets[index]
