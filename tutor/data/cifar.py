"""CIFAR-10 through torchvision.datasets.CIFAR10, with errors a learner can act on.

The data lives in <data dir>/cifar-10-batches-py (torchvision's on-disk format). It is only
downloaded when asked (`--download`); offline, the demos use the built-in shapes set.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from tutor.data.errors import DataUnavailable
from tutor.data.images import ImageSet
from tutor.i18n.catalog import N_, _

# The real classes (the source article's list is wrong; see lesson 10).
CLASSES: tuple[str, ...] = (
    "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck",
)
FOLDER = "cifar-10-batches-py"
FILES = ("data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5",
         "test_batch", "batches.meta")
OFFLINE_ALTERNATIVE = N_("train on the built-in image set instead with `--data shapes` (no download needed)")


def folder(root: Path | str) -> Path:
    return Path(root) / FOLDER


def is_present(root: Path | str) -> bool:
    """All of torchvision's files are there (their checksums are checked when loading)."""
    return all((folder(root) / name).is_file() for name in FILES)


def absent_message(root: Path | str) -> str:
    return _("CIFAR-10 is not in {folder}. Fetch it (about 170 MB) with `dltutor demo cnn --data cifar10 --download`, "
             "or point --data-dir at a folder that holds {name}/; or {alternative}.").format(
        folder=folder(root), name=FOLDER, alternative=_(OFFLINE_ALTERNATIVE))


def choose(data: str, root: Path | str, download: bool) -> tuple[str, str | None]:
    """Which image set a demo asked for with --data auto|cifar10|shapes gets: (name, note or None).

    auto is CIFAR-10 when it is present (or --download was given), else the shapes set, with a
    note saying so. An explicit cifar10 that is absent, without --download, fails right here,
    before any heavy import, with the message that names the folder and the offline alternative.
    """
    if data == "auto":
        if is_present(root) or download:
            return "cifar10", None
        return "shapes", _("CIFAR-10 is not in {folder}: training on the built-in shapes set "
                           "(`--download` fetches CIFAR-10 when online).").format(folder=folder(root))
    if data == "cifar10" and not download and not is_present(root):
        raise DataUnavailable(absent_message(root))
    return data, None


def _download(root: Path) -> None:
    from torchvision.datasets import CIFAR10

    root.mkdir(parents=True, exist_ok=True)
    try:
        CIFAR10(root=str(root), train=False, download=True)
    except (OSError, RuntimeError) as exc:  # URLError is an OSError; a bad archive a RuntimeError
        raise DataUnavailable(_(
            "CIFAR-10 could not be downloaded into {root} ({kind}: {error}). Without a network, copy the extracted "
            "{name} folder into {root} (or point --data-dir at its parent), or {alternative}.").format(
                root=root, kind=exc.__class__.__name__, error=exc, name=FOLDER, alternative=_(OFFLINE_ALTERNATIVE))
        ) from None


def datasets(root: Path | str, transform=None, download: bool = False):
    """The real torchvision (train, test) CIFAR10 datasets, or DataUnavailable saying why not."""
    from torchvision.datasets import CIFAR10

    root = Path(root)
    if download and not is_present(root):
        _download(root)
    if not is_present(root):
        raise DataUnavailable(absent_message(root))
    try:
        train = CIFAR10(root=str(root), train=True, transform=transform, download=False)
        test = CIFAR10(root=str(root), train=False, transform=transform, download=False)
    except RuntimeError as exc:  # torchvision's "not found or corrupted": the md5 checks failed
        raise DataUnavailable(_(
            "CIFAR-10 in {folder} is incomplete or corrupted ({error}). Delete that folder and run with --download, "
            "or {alternative}.").format(folder=folder(root), error=exc, alternative=_(OFFLINE_ALTERNATIVE))
        ) from None
    except Exception as exc:  # e.g. a truncated pickle
        raise DataUnavailable(_(
            "CIFAR-10 in {folder} could not be read ({kind}: {error}). Delete that folder and run with --download, "
            "or {alternative}.").format(folder=folder(root), kind=exc.__class__.__name__, error=exc,
                                        alternative=_(OFFLINE_ALTERNATIVE))
        ) from None
    return train, test


def load_cifar10(root: Path | str, download: bool = False) -> ImageSet:
    """CIFAR-10 as in-memory uint8 arrays, loaded through torchvision.datasets.CIFAR10."""
    train, test = datasets(root, download=download)
    return ImageSet(
        "cifar10", tuple(train.classes),
        np.ascontiguousarray(train.data), np.asarray(train.targets, dtype=np.int64),
        np.ascontiguousarray(test.data), np.asarray(test.targets, dtype=np.int64),
    )
