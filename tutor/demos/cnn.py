"""The source article's CIFAR-10 Net, trained two ways.

recipe "article": the article's loop, exactly — per-sample transforms (ToTensor + Normalize
(0.5, 0.5, 0.5)) in a DataLoader with batch 4, shuffle and 2 workers, SGD lr 0.001 momentum
0.9, 2 epochs, the running loss printed every 2000 mini-batches.

recipe "fast": the same Net as fast as the machine allows — the whole set held as one uint8
tensor on the device, normalised a batch at a time (the same arithmetic as ToTensor+Normalize:
x/127.5 − 1), big batches, CPU threads by the demos' thread policy (tutor.demos.threads), AdamW under a OneCycle learning-rate
schedule. No worker processes, no PIL, no per-sample Python. The Net's function is computed by
FastNet: the same layers and parameters, the same outputs and gradients, in fewer CPU cycles.
--precision bf16 trains under bf16 autocast (mixed precision). fp32 is the default: on a CPU
without bf16 instructions (AVX2 only) oneDNN emulates bf16 at about a fifth of fp32's speed, and
even with AVX-512 BF16 (no AMX) this Net's layers are too small for bf16 to pay for its casts
(0.7× fp32's images/s, bench/demo_cnn.py --variants).
"""
from __future__ import annotations

import math
import time
from collections.abc import Iterator
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from tutor.demos import drawing, events
from tutor.demos import threads as thread_policy
from tutor.demos.config import DemoConfig
from tutor.demos.device import bf16_native, describe, resolve_device, seed_everything
from tutor.demos.errors import DemoError
from tutor.demos.pooling import max_pool_2x2
from tutor.i18n.catalog import _

ARTICLE: dict[str, Any] = {"batch_size": 4, "lr": 0.001, "momentum": 0.9, "epochs": 2, "workers": 2, "log_every": 2000}
# Tuned on the shapes set: AdamW under OneCycle reaches in one epoch what the article's SGD
# (lr 0.001, batch 4) reaches in two; plain SGD at these batch sizes needed several epochs.
FAST: dict[str, Any] = {"epochs": 2, "batch_size_cpu": 128, "batch_size_cuda": 512, "lr_cpu": 0.005, "lr_cuda": 0.008,
        "weight_decay": 1e-4, "warmup": 0.25}


class Net(nn.Module):
    """The article's Net: conv 3→6 (5×5), pool, conv 6→16 (5×5), pool, fc 400→120→84→10."""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)   # 3×32×32 -> 6×28×28
        self.pool = nn.MaxPool2d(2, 2)    # halves height and width
        self.conv2 = nn.Conv2d(6, 16, 5)  # 6×14×14 -> 16×10×10 (the article's comment says 6×28×28)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.pool(torch.relu(self.conv1(x)))
        x = self.pool(torch.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        x = torch.relu(self.fc1(x))
        x = torch.relu(self.fc2(x))
        return self.fc3(x)


class FastNet(Net):
    """The article's Net computed in fewer CPU cycles: same layers, parameters, outputs and gradients.

    - ReLU after pooling instead of before: max and ReLU commute exactly (both are monotone,
      relu(max(a, b)) = max(relu(a), relu(b)), and a window whose maximum is ≤ 0 gets no gradient
      either way), so ReLU and its backward touch a quarter of the elements;
    - on a CPU, 2×2 pooling by max_pool_2x2 (tutor.demos.pooling), which equals max_pool2d in
      values and gradients, ties included, and costs a fraction of PyTorch's CPU kernel (on a GPU
      the native kernel is one launch instead of several, so it stays).
    Together about 1.2× the training images/s of Net on one CPU thread (bench/demo_cnn.py --variants).
    """

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        pool = max_pool_2x2 if x.device.type == "cpu" else self.pool
        x = torch.relu(pool(self.conv1(x)))
        x = torch.relu(pool(self.conv2(x)))
        x = torch.flatten(x, 1)
        x = torch.relu(self.fc1(x))
        x = torch.relu(self.fc2(x))
        return self.fc3(x)


# ---------------------------------------------------------------- data


def _choose_data(config: DemoConfig) -> tuple[str, str, str | None]:
    """(data name, CIFAR root, a note for the learner or None)."""
    from tutor import paths
    from tutor.data import cifar

    root = config.data_dir or str(paths.data_dir())
    dataset, note = cifar.choose(config.pick("data", "auto"), root, config.download)
    return dataset, root, note


def _load_arrays(config: DemoConfig, dataset: str, root: str):
    """The chosen set as an in-memory ImageSet, cut to --train-size/--test-size."""
    from tutor.data import cifar, shapes

    if dataset == "cifar10":
        image_set = cifar.load_cifar10(root, download=config.download)
    else:
        image_set = shapes.load_shapes(config.pick("train_size", shapes.DEFAULT_TRAIN_SIZE),
                                       config.pick("test_size", shapes.DEFAULT_TEST_SIZE), seed=config.seed)
    return image_set.subset(config.train_size, config.test_size)


def normalise(batch_uint8: torch.Tensor) -> torch.Tensor:
    """uint8 NCHW -> float in [-1, 1]: ToTensor (÷255) then Normalize(mean 0.5, std 0.5), fused."""
    return batch_uint8.float().mul_(1 / 127.5).sub_(1.0)


# ---------------------------------------------------------------- evaluation and pictures


@torch.inference_mode()
def _evaluate(model: Net, images: torch.Tensor, labels: torch.Tensor, classes: int,
              batch: int = 1000) -> tuple[float, float, np.ndarray]:
    """(accuracy, mean loss, per-class accuracy) on uint8 NCHW images already on the device."""
    model.eval()
    correct = torch.zeros(classes, device=labels.device)
    counts = torch.bincount(labels, minlength=classes).float()
    loss_sum = torch.zeros((), device=labels.device)
    for start in range(0, len(images), batch):
        logits = model(normalise(images[start:start + batch]))
        target = labels[start:start + batch]
        loss_sum += F.cross_entropy(logits, target, reduction="sum")
        hits = logits.argmax(1) == target
        correct += torch.bincount(target[hits], minlength=classes).float()
    model.train()
    total = max(1, len(images))
    per_class = (correct / counts.clamp(min=1)).cpu().numpy()
    return float(correct.sum()) / total, float(loss_sum) / total, per_class


def _example_indices(labels: np.ndarray, classes: int) -> list[int]:
    """The first test image of each class, in class order."""
    found: dict[int, int] = {}
    for index, label in enumerate(labels.tolist()):
        found.setdefault(int(label), index)
        if len(found) == classes:
            break
    return [found[c] for c in sorted(found)]


@torch.inference_mode()
def _pictures(model: Net, test_uint8: np.ndarray, test_labels: np.ndarray, class_names, step: int,
              device: torch.device) -> list[dict]:
    model.eval()
    chosen = _example_indices(test_labels, len(class_names))
    batch = torch.from_numpy(test_uint8[chosen]).permute(0, 3, 1, 2).to(device)
    x = normalise(batch)
    predicted = model(x).argmax(1).cpu().tolist()
    tiles = []
    for index, guess in zip(chosen, predicted):
        truth = int(test_labels[index])
        label = f"✓ {class_names[guess]}" if guess == truth else _("✗ {guess} (is {truth})").format(
            guess=class_names[guess], truth=class_names[truth])
        tiles.append(events.tile(test_uint8[index], label))
    samples = events.picture("samples", _("test images: the Net's guess (✓ right, ✗ wrong)"), tiles, step)

    weights = model.conv1.weight.detach().cpu().numpy()  # (6, 3, 5, 5)
    filters = events.picture(
        "filters", _("conv1's six 5×5 RGB filters (grey = 0)"),
        [events.tile(drawing.signed_rgb(w), _("filter {number}").format(number=i + 1)) for i, w in enumerate(weights)],
        step, scale=3)

    maps = torch.relu(model.conv1(x[:1]))[0].cpu().numpy()  # (6, 28, 28) for the first example
    top = float(maps.max()) or 1.0
    feature_maps = events.picture(
        "feature_maps", _("conv1 feature maps (after ReLU) of a {name}").format(name=class_names[int(test_labels[chosen[0]])]),
        [events.tile(test_uint8[chosen[0]], _("input"))]
        + [events.tile(drawing.heat(m, 0.0, top), _("map {number}").format(number=i + 1)) for i, m in enumerate(maps)],
        step)
    model.train()
    return [samples, filters, feature_maps]


# ---------------------------------------------------------------- what both recipes share


def _schedule(config: DemoConfig, steps_per_epoch: int, default_epochs: int) -> tuple[int, int]:
    """(total steps, epochs): --epochs passes over the data, cut short by --steps; epochs is then
    the number of passes the run starts (the last one may be partial)."""
    epochs = config.pick("epochs", default_epochs)
    total = min(epochs * steps_per_epoch, config.pick("steps", epochs * steps_per_epoch))
    return total, math.ceil(total / steps_per_epoch)


def _finish(recipe: str, device: torch.device, start: float, last_loss: float, per_class: np.ndarray, class_names,
            *, images_seen: int, train_s: float, **extra) -> Iterator[dict]:
    """The per-class accuracy line and the summary, the same for both recipes."""
    per_class_acc = {name: round(float(acc), 4) for name, acc in zip(class_names, per_class)}
    yield events.text(_("accuracy per class: ") + ", ".join(f"{name} {acc:.0%}" for name, acc in per_class_acc.items()))
    yield events.summary("cnn", describe(device), time.perf_counter() - start, last_loss, recipe=recipe,
                         images_per_s=images_seen / max(train_s, 1e-9), train_s=round(train_s, 3),
                         per_class_accuracy=per_class_acc, **extra)


# ---------------------------------------------------------------- the two recipes


def warmup_fraction(total: int) -> float:
    """OneCycle's pct_start for a run of `total` steps: FAST["warmup"], except where its warm-up would
    last exactly one step. OneCycleLR divides by (pct_start × total − 1), so `--steps 4` crashed; a
    warm-up shorter than one step starts at the peak rate, as any run of 4 steps or fewer does."""
    warmup = FAST["warmup"]
    return warmup if warmup * total > 1 else 0.5 / total


def _clock(device: torch.device) -> float:
    """perf_counter once the device has finished its queued work (CUDA runs asynchronously)."""
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    return time.perf_counter()


def _run_fast(config: DemoConfig, dataset: str, root: str, device: torch.device, start: float) -> Iterator[dict]:
    yield events.text(_("loading the {dataset} images into memory…").format(dataset=dataset))
    image_set = _load_arrays(config, dataset, root)
    names = image_set.classes
    n_train = len(image_set.train_images)
    if n_train == 0:
        raise DemoError(_("no training images (--train-size must be > 0)"))
    # uint8 NCHW on the device: a quarter of float32's memory, converted one batch at a time.
    x_train = torch.from_numpy(image_set.train_images).permute(0, 3, 1, 2).contiguous().to(device)
    y_train = torch.from_numpy(image_set.train_labels).to(device)
    x_test = torch.from_numpy(image_set.test_images).permute(0, 3, 1, 2).contiguous().to(device)
    y_test = torch.from_numpy(image_set.test_labels).to(device)

    batch = config.pick("batch_size", FAST["batch_size_cuda"] if device.type == "cuda" else FAST["batch_size_cpu"])
    steps_per_epoch = math.ceil(n_train / batch)
    total, epochs = _schedule(config, steps_per_epoch, FAST["epochs"])
    log_every = config.pick("log_every", events.every(total, 40))
    eval_every = config.pick("eval_every", steps_per_epoch)
    max_lr = config.pick("lr", FAST["lr_cuda"] if device.type == "cuda" else FAST["lr_cpu"])

    seed_everything(config.seed)
    model = FastNet().to(device)  # the same parameters as Net() would draw: same init, same seed
    if device.type == "cuda":
        torch.backends.cudnn.benchmark = True

    threads, threads_line = thread_policy.apply(config.threads) if device.type == "cpu" else (
        torch.get_num_threads(), "")
    if threads_line:
        yield events.text(threads_line)
    yield events.text(_("fast recipe: {images} images in memory on {device}, batch {batch}, {epochs} epoch(s), "
                        "AdamW + OneCycle peak lr {lr}, {threads} CPU thread(s)").format(
        images=f"{n_train:,}", device=describe(device), batch=batch, epochs=epochs, lr=max_lr, threads=threads))

    precision = config.pick("precision", "fp32")
    if precision == "bf16":
        yield events.text(_("bf16 autocast: the convolutions and linear layers compute in bfloat16; the weights, "
                            "the loss and the optimiser stay fp32 ({how})").format(
            how=_("native on this device") if bf16_native(device) else _("emulated on this device: slower than fp32")))

    optimiser = torch.optim.AdamW(model.parameters(), lr=max_lr, weight_decay=FAST["weight_decay"])
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=max_lr, total_steps=total,
                                                   pct_start=warmup_fraction(total))
    generator = torch.Generator(device=device)
    generator.manual_seed(config.seed)
    progress_every = events.every(total, 200)

    step = 0
    train_s = 0.0
    images_seen = 0
    window_loss = torch.zeros((), device=device)  # summed on the device: no sync per step
    window_steps = 0
    last_loss = float("nan")
    accuracy, per_class = float("nan"), np.zeros(len(names))
    tick = time.perf_counter()
    for epoch in range(1, epochs + 1):
        order = torch.randperm(n_train, device=device, generator=generator)
        for first in range(0, n_train, batch):
            if step >= total:
                break
            index = order[first:first + batch]
            inputs, labels = normalise(x_train[index]), y_train[index]
            # mixed precision for the training step only: the evaluations run in fp32 on the same weights
            with torch.autocast(device.type, dtype=torch.bfloat16, enabled=precision == "bf16"):
                loss = F.cross_entropy(model(inputs), labels)
            optimiser.zero_grad(set_to_none=True)
            loss.backward()
            optimiser.step()
            step_lr = schedule.get_last_lr()[0]  # the rate this step used (step() moves to the next)
            if step + 1 < total:
                schedule.step()  # OneCycle must not run past its last step
            step += 1
            images_seen += len(index)
            window_loss += loss.detach()
            window_steps += 1
            if step % progress_every == 0 or step == total:
                yield events.progress(step, total, epoch, epochs)
            if step == 1 or step % log_every == 0 or step == total:  # the first step too: a metric within seconds
                last_loss = float(window_loss) / window_steps
                window_loss.zero_()
                window_steps = 0
                train_s += _clock(device) - tick
                yield events.metric(step, {"loss": last_loss, "lr": float(step_lr),
                                           "images_per_s": images_seen / max(train_s, 1e-9)}, epoch)
                tick = time.perf_counter()  # the time the reader of the events takes is not training
            if step % eval_every == 0 or step == total:
                train_s += _clock(device) - tick
                accuracy, test_loss, per_class = _evaluate(model, x_test, y_test, len(names))
                yield events.metric(step, {"test_accuracy": accuracy, "test_loss": test_loss, "train_s": train_s}, epoch)
                if config.pictures:
                    yield from _pictures(model, image_set.test_images, image_set.test_labels, names, step, device)
                tick = time.perf_counter()
    yield from _finish("fast", device, start, last_loss, per_class, names, data=image_set.name, test_accuracy=accuracy,
                       images_seen=images_seen, train_s=train_s, steps=step, epochs=epochs, batch_size=batch,
                       threads=threads, precision=precision, train_size=n_train, test_size=len(image_set.test_images))


def _article_datasets(config: DemoConfig, dataset: str, root: str):
    """torchvision-style datasets with the article's per-sample transform."""
    import torchvision.transforms as transforms

    transform = transforms.Compose([transforms.ToTensor(),
                                    transforms.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))])
    if dataset == "cifar10":
        from tutor.data import cifar

        trainset, testset = cifar.datasets(root, transform=transform, download=config.download)
        names = tuple(trainset.classes)
        if config.train_size:
            trainset = torch.utils.data.Subset(trainset, range(min(config.train_size, len(trainset))))
        if config.test_size:
            testset = torch.utils.data.Subset(testset, range(min(config.test_size, len(testset))))
        base_test: Any = testset.dataset if isinstance(testset, torch.utils.data.Subset) else testset
        test_uint8 = base_test.data[:len(testset)]
        test_labels = np.asarray(base_test.targets[:len(testset)], dtype=np.int64)
        return trainset, testset, names, "cifar10", test_uint8, test_labels
    from tutor.data import shapes
    from tutor.data.images import ArrayImages

    image_set = _load_arrays(config, dataset, root)
    trainset = ArrayImages(image_set.train_images, image_set.train_labels, transform)
    testset = ArrayImages(image_set.test_images, image_set.test_labels, transform)
    return trainset, testset, shapes.CLASSES, "shapes", image_set.test_images, image_set.test_labels


def _article_accuracy(net: Net, testloader, device: torch.device, classes: int) -> tuple[float, np.ndarray]:
    """The article's evaluation loop (plus per-class counts)."""
    correct = 0
    total = 0
    class_correct = np.zeros(classes)
    class_total = np.zeros(classes)
    net.eval()
    with torch.no_grad():
        for data in testloader:
            images, labels = data
            images, labels = images.to(device), labels.to(device)
            outputs = net(images)
            _, predicted = torch.max(outputs.data, 1)
            total += labels.size(0)
            correct += (predicted == labels).sum().item()
            for label, hit in zip(labels.tolist(), (predicted == labels).tolist()):
                class_total[label] += 1
                class_correct[label] += hit
    net.train()
    return correct / max(1, total), class_correct / np.maximum(class_total, 1)


def _run_article(config: DemoConfig, dataset: str, root: str, device: torch.device, start: float) -> Iterator[dict]:
    for name in ("batch_size", "lr", "precision"):
        if getattr(config, name) is not None:
            raise DemoError(_("{option} changes the article's recipe; use --recipe fast to experiment with it").format(
                option="--" + name.replace("_", "-")))
    yield events.text(_("loading the {dataset} images…").format(dataset=dataset))
    trainset, testset, names, data_name, test_uint8, test_labels = _article_datasets(config, dataset, root)
    if len(trainset) == 0:
        raise DemoError(_("no training images (--train-size must be > 0)"))
    if device.type == "cpu":
        yield events.text(thread_policy.apply(config.threads)[1])
    workers = config.pick("workers", ARTICLE["workers"])
    batch = ARTICLE["batch_size"]

    seed_everything(config.seed)
    trainloader = torch.utils.data.DataLoader(trainset, batch_size=batch, shuffle=True, num_workers=workers)
    testloader = torch.utils.data.DataLoader(testset, batch_size=batch, shuffle=False, num_workers=workers)
    net = Net().to(device)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(net.parameters(), lr=ARTICLE["lr"], momentum=ARTICLE["momentum"])

    steps_per_epoch = len(trainloader)
    total, epochs = _schedule(config, steps_per_epoch, ARTICLE["epochs"])
    log_every = config.pick("log_every", ARTICLE["log_every"])
    eval_every = config.eval_every  # the article evaluates once, after training
    progress_every = events.every(total, 200)
    yield events.text(_("article recipe: batch {batch}, DataLoader with {workers} worker(s) and per-sample "
                        "ToTensor + Normalize, SGD lr {lr} momentum {momentum}, {epochs} epoch(s), {threads} CPU "
                        "thread(s) — on {device}").format(batch=batch, workers=workers, lr=ARTICLE["lr"],
                                                          momentum=ARTICLE["momentum"], epochs=epochs,
                                                          threads=torch.get_num_threads(), device=describe(device)))

    step = 0
    train_s = 0.0
    images_seen = 0
    last_loss = float("nan")
    accuracy, per_class = float("nan"), np.zeros(len(names))
    tick = time.perf_counter()
    for epoch in range(epochs):  # loop over the dataset multiple times
        running_loss = 0.0
        for i, data in enumerate(trainloader, 0):
            # get the inputs; data is a list of [inputs, labels]
            inputs, labels = data
            inputs, labels = inputs.to(device), labels.to(device)
            # zero the parameter gradients
            optimizer.zero_grad()
            # forward + backward + optimize
            outputs = net(inputs)
            loss = criterion(outputs, labels)
            loss.backward()
            optimizer.step()
            step += 1
            images_seen += labels.size(0)

            # print statistics
            running_loss += loss.item()
            if step % progress_every == 0 or step == total:
                yield events.progress(step, total, epoch + 1, epochs)
            if i % log_every == log_every - 1 or step == total:
                batches = i % log_every + 1
                last_loss = running_loss / batches
                now = time.perf_counter()
                train_s += now - tick
                if batches == log_every:
                    yield events.text('[%d, %5d] loss: %.3f' % (epoch + 1, i + 1, last_loss), step)  # noqa: UP031 (the article's own line)
                yield events.metric(step, {"loss": last_loss, "images_per_s": images_seen / max(train_s, 1e-9)},
                                    epoch + 1)
                running_loss = 0.0 if batches == log_every else running_loss
                tick = time.perf_counter()
            if eval_every and step % eval_every == 0 and step != total:
                train_s += time.perf_counter() - tick
                accuracy, per_class = _article_accuracy(net, testloader, device, len(names))
                yield events.metric(step, {"test_accuracy": accuracy, "train_s": train_s}, epoch + 1)
                tick = time.perf_counter()
            if step >= total:  # --steps: stop without fetching another batch
                break
    train_s += time.perf_counter() - tick
    yield events.text("Finished Training", step)

    accuracy, per_class = _article_accuracy(net, testloader, device, len(names))
    yield events.metric(step, {"test_accuracy": accuracy, "train_s": train_s}, epochs)
    yield events.text('Accuracy of the network on the %d test images: %d %%'  # noqa: UP031 (the article's own line)
                      % (len(testset), 100 * accuracy))
    if config.pictures:
        yield from _pictures(net, test_uint8, test_labels, names, step, device)
    yield from _finish("article", device, start, last_loss, per_class, names, data=data_name, test_accuracy=accuracy,
                       images_seen=images_seen, train_s=train_s, steps=step, epochs=epochs, batch_size=batch,
                       threads=torch.get_num_threads(), workers=workers, train_size=len(trainset),
                       test_size=len(testset))


def run(config: DemoConfig) -> Iterator[dict]:
    start = time.perf_counter()
    device = resolve_device(config.device)
    dataset, root, note = _choose_data(config)
    if note:
        yield events.text(note)
    if config.pick("recipe", "fast") == "article":
        yield from _run_article(config, dataset, root, device, start)
    else:
        if config.workers is not None:
            raise DemoError(_("--workers is for --recipe article; the fast recipe has no DataLoader"))
        yield from _run_fast(config, dataset, root, device, start)
