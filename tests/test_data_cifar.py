"""CIFAR-10 through the real torchvision.datasets.CIFAR10 (download=False), on a tiny generated
folder in torchvision's on-disk format. torchvision checks each file's md5 against the real
CIFAR-10's, which tiny files cannot match, so the tests that load it stub that checksum test
(and only that); the test without the stub shows what a learner with a corrupted folder sees."""
from __future__ import annotations

import pickle
import urllib.error
from pathlib import Path

import numpy as np
import pytest

from tutor.data import cifar
from tutor.data.errors import DataUnavailable

PER_BATCH = 6
TEST_SIZE = 8


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path / "home"))


def write_tiny_cifar(root: Path, seed: int = 0) -> tuple[np.ndarray, list[int]]:
    """cifar-10-batches-py with data_batch_1..5, test_batch and batches.meta pickles."""
    rng = np.random.default_rng(seed)
    folder = root / "cifar-10-batches-py"
    folder.mkdir(parents=True)
    all_rows, all_labels = [], []
    for name, n in [(f"data_batch_{i}", PER_BATCH) for i in range(1, 6)] + [("test_batch", TEST_SIZE)]:
        rows = rng.integers(0, 256, size=(n, 3072), dtype=np.uint8)  # CHW planes, row-major
        labels = [int(x) for x in rng.integers(0, 10, size=n)]
        with open(folder / name, "wb") as f:
            pickle.dump({"batch_label": name, "labels": labels, "data": rows,
                         "filenames": [f"{name}_{i}.png" for i in range(n)]}, f)
        if name != "test_batch":
            all_rows.append(rows)
            all_labels += labels
    with open(folder / "batches.meta", "wb") as f:
        pickle.dump({"label_names": list(cifar.CLASSES), "num_cases_per_batch": PER_BATCH, "num_vis": 3072}, f)
    return np.concatenate(all_rows), all_labels


@pytest.fixture
def skip_md5(monkeypatch):
    import torchvision.datasets.cifar as tv_cifar

    monkeypatch.setattr(tv_cifar, "check_integrity", lambda path, md5=None: Path(path).is_file())


def test_tiny_folder_loads_through_torchvision(tmp_path, skip_md5):
    rows, labels = write_tiny_cifar(tmp_path)
    assert cifar.is_present(tmp_path)
    data = cifar.load_cifar10(tmp_path)
    assert data.name == "cifar10" and data.classes == cifar.CLASSES
    assert data.train_images.shape == (5 * PER_BATCH, 32, 32, 3) and data.train_images.dtype == np.uint8
    assert data.test_images.shape == (TEST_SIZE, 32, 32, 3)
    assert data.train_labels.tolist() == labels
    # CIFAR stores each image as R, G, B planes; the HWC pixel (y, x) channel c is row[c·1024 + y·32 + x].
    assert data.train_images[7, 3, 5, 2] == rows[7, 2 * 1024 + 3 * 32 + 5]


def test_absent_folder_says_where_and_offers_shapes(tmp_path):
    with pytest.raises(DataUnavailable) as info:
        cifar.datasets(tmp_path / "nowhere")
    message = str(info.value)
    assert str(tmp_path / "nowhere" / "cifar-10-batches-py") in message
    assert "--data shapes" in message and "--download" in message


def test_download_without_network_says_where_and_offers_shapes(tmp_path, monkeypatch):
    import torchvision.datasets.cifar as tv_cifar

    def offline(*args, **kwargs):
        raise urllib.error.URLError("[Errno -3] Temporary failure in name resolution")

    monkeypatch.setattr(tv_cifar, "download_and_extract_archive", offline)
    with pytest.raises(DataUnavailable) as info:
        cifar.load_cifar10(tmp_path / "data", download=True)
    message = str(info.value)
    assert "could not be downloaded" in message and str(tmp_path / "data") in message
    assert "--data shapes" in message


def test_corrupted_folder_is_a_clear_message_not_a_traceback(tmp_path):
    write_tiny_cifar(tmp_path)  # real md5 checks: these tiny files do not match
    with pytest.raises(DataUnavailable, match="incomplete or corrupted.*--data shapes"):
        cifar.load_cifar10(tmp_path)


def test_cnn_demo_trains_on_the_tiny_cifar_folder(tmp_path, skip_md5):
    from tutor.demos import cnn
    from tutor.demos.config import parse

    write_tiny_cifar(tmp_path)
    for recipe in ("fast", "article"):
        config = parse(["cnn", "--data", "cifar10", "--data-dir", str(tmp_path), "--recipe", recipe,
                        "--steps", "3", "--threads", "1", "--no-pictures"]
                       + (["--workers", "0"] if recipe == "article" else ["--batch-size", "8"]))
        summary = [e for e in cnn.run(config) if e["type"] == "summary"][0]
        assert summary["data"] == "cifar10" and summary["recipe"] == recipe
        assert summary["steps"] == 3 and summary["test_size"] == TEST_SIZE
        assert set(summary["per_class_accuracy"]) == set(cifar.CLASSES)


def test_choose_auto_picks_cifar_when_present_and_shapes_when_absent(tmp_path, skip_md5):
    present, absent = tmp_path / "present", tmp_path / "absent"
    write_tiny_cifar(present)
    absent.mkdir()
    assert cifar.choose("auto", present, download=False) == ("cifar10", None)
    data, note = cifar.choose("auto", absent, download=False)
    assert data == "shapes" and str(absent / "cifar-10-batches-py") in note
    assert cifar.choose("auto", absent, download=True) == ("cifar10", None)
    assert cifar.choose("shapes", present, download=False) == ("shapes", None)
    with pytest.raises(DataUnavailable, match="--data shapes"):
        cifar.choose("cifar10", absent, download=False)
